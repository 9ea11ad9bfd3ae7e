"""The extractive chat-bot: answers only with stored Q&A and quotes of units in force."""
