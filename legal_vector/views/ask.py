from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from legal_vector.bot.answering import answer_question, units_for_qa
from legal_vector.bot.forms import AskForm
from legal_vector.models import QAItem


@require_GET
def ask(request):
    """Public: ask the bot in plain Russian; the page works as a plain form without JavaScript."""
    form = AskForm(request.GET or None)
    answer = answer_question(form.cleaned_data["q"], request.user) if form.is_valid() else None
    return render(request, "legal_vector/ask.html", {"form": form, "answer": answer})


@require_GET
def ask_api(request):
    """Public: the bot as JSON — answer, confidence, escalate and citations with quotes."""
    form = AskForm(request.GET)
    if not form.is_valid():
        errors = [error for errors in form.errors.values() for error in errors]
        return JsonResponse({"error": " ".join(errors)}, status=400)
    answer = answer_question(form.cleaned_data["q"], request.user)
    return JsonResponse(answer.as_json(), json_dumps_params={"ensure_ascii": False})


@require_GET
def qa_detail(request, pk):
    """Public: one published question and answer with the norms it cites."""
    item = get_object_or_404(QAItem.objects.published(), pk=pk)
    units = units_for_qa(item)
    return render(request, "legal_vector/qa_detail.html", {"item": item, "units": units})
