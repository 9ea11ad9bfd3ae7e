"""Blocks of a lesson: text, heading, image, video with transcript, file, callout, quiz."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="изображение")
    alt = blocks.CharBlock(label="описание для незрячих", max_length=250)
    caption = blocks.CharBlock(label="подпись", required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "изображение"
        template = "academy/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """A video is published only with its transcript: not every learner can listen."""

    video = EmbedBlock(label="ссылка на видео")
    title = blocks.CharBlock(label="название", max_length=200)
    transcript = blocks.TextBlock(label="расшифровка", help_text="Обязательна: текст видео.")

    class Meta:
        icon = "media"
        label = "видео"
        template = "academy/blocks/video.html"


class FileBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="файл")
    title = blocks.CharBlock(label="название", max_length=200)

    class Meta:
        icon = "doc-full"
        label = "файл"
        template = "academy/blocks/file.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label="вид",
        choices=[("note", "обратите внимание"), ("tip", "совет"), ("warning", "важно")],
        default="note",
    )
    text = blocks.RichTextBlock(label="текст", features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = "выноска"
        template = "academy/blocks/callout.html"


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("academy.Quiz", label="тест")
    intro = blocks.CharBlock(label="пояснение", required=False, max_length=300)

    class Meta:
        icon = "tick"
        label = "тест"
        template = "academy/blocks/quiz.html"


LESSON_BLOCKS = [
    ("text", blocks.RichTextBlock(label="текст")),
    ("heading", blocks.CharBlock(label="заголовок", max_length=200, form_classname="title")),
    ("image", ImageBlock()),
    ("video", VideoBlock()),
    ("file", FileBlock()),
    ("callout", CalloutBlock()),
    ("quiz", QuizBlock()),
]
