from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from legal_vector.bot.answering import answer_question
from legal_vector.bot.forms import ConsultationForm, LawyerAnswerForm, PublishForm, RatingForm
from legal_vector.consultation_forms import FollowUpForm
from legal_vector.models import Consultation, ConsultationAttachment, ConsultationStatus
from portal.accounts import roles
from portal.accounts.decorators import role_required, verified_required
from portal.submissions import submit_once
from portal.uploads import file_response

PAGE_SIZE = 30
QUEUE_LIMIT = 200


def _visible_consultation(request, pk):
    consultation = get_object_or_404(
        Consultation.objects.select_related("author", "assignee"), pk=pk
    )
    if not consultation.is_visible_to(request.user):
        raise PermissionDenied("Консультация доступна только её автору и юристам.")
    return consultation


def _run(request, consultation, action, success):
    """Run a status change; a refused transition becomes a message, not a 500."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(consultation)


@require_GET
@login_required
def consultation_list(request):
    """Signed-in users: their own consultations, newest first."""
    mine = Consultation.objects.filter(author=request.user).select_related("assignee")
    page = Paginator(mine.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "legal_vector/consultation_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@verified_required
def consultation_new(request):
    """Verified employees: ask a lawyer; the form comes pre-filled with the bot's question."""
    if request.method == "POST":
        form = ConsultationForm(request.POST)
        if form.is_valid():
            question = form.cleaned_data["question"]

            def create():
                units = answer_question(question, log=False).units
                token = form.cleaned_data["form_token"]
                return Consultation.submit(request.user, question, token, units)[0]

            outcome = submit_once(request, form, create)
            if outcome.repeated:
                messages.info(request, "Этот вопрос уже отправлен — повторно не создаём.")
            else:
                messages.success(request, "Вопрос отправлен юристу.")
            return redirect(outcome.url)
    else:
        form = ConsultationForm(initial={"question": request.GET.get("q", "")[:4000]})
    question = form["question"].value() or ""
    suggested = answer_question(question, log=False).citations if question.strip() else []
    return render(
        request, "legal_vector/consultation_new.html", {"form": form, "suggested": suggested}
    )


@require_GET
@login_required
def consultation_detail(request, pk):
    """The author and lawyers: the consultation, its citations and the actions allowed."""
    return _render_detail(request, _visible_consultation(request, pk))


def _render_detail(
    request, consultation, status=200, answer_form=None, publish_form=None, follow_up_form=None
):
    """The detail page; a refused form is passed in to show it with its errors."""
    citations = list(consultation.citations.all())
    is_lawyer = request.user.has_role(roles.LAWYER)
    is_author = consultation.author_id == request.user.pk
    if is_author and consultation.is_open:
        follow_up_form = follow_up_form or FollowUpForm()
    if is_lawyer:
        answer_form = answer_form or LawyerAnswerForm()
        publish_form = publish_form or PublishForm(
            initial={"question": consultation.question, "answer": consultation.answer}
        )
    context = {
        "consultation": consultation,
        "bot_citations": [c for c in citations if c.source == "bot"],
        "lawyer_citations": [c for c in citations if c.source == "lawyer"],
        "is_lawyer": is_lawyer,
        "is_author": is_author,
        "thread": consultation.messages.select_related("author").prefetch_related("attachments"),
        "follow_up_form": follow_up_form,
        "rating_form": RatingForm(),
        "answer_form": answer_form,
        "publish_form": publish_form,
    }
    return render(request, "legal_vector/consultation_detail.html", context, status=status)


@require_POST
@role_required(roles.LAWYER)
def consultation_take(request, pk):
    """Lawyers: take a new consultation into work."""
    consultation = get_object_or_404(Consultation, pk=pk)
    return _run(
        request, consultation, lambda: consultation.take(request.user), "Консультация в работе."
    )


@require_POST
@role_required(roles.LAWYER)
def consultation_answer(request, pk):
    """Lawyers: answer with citations; the author is notified."""
    consultation = _visible_consultation(request, pk)
    form = LawyerAnswerForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, consultation, status=400, answer_form=form)
    data = form.cleaned_data
    return _run(
        request,
        consultation,
        lambda: consultation.give_answer(request.user, data["answer"], data["citations"]),
        "Ответ отправлен.",
    )


@require_POST
@role_required(roles.LAWYER)
def consultation_close(request, pk):
    """Lawyers: close an answered consultation."""
    consultation = get_object_or_404(Consultation, pk=pk)
    return _run(request, consultation, consultation.close, "Консультация закрыта.")


@require_POST
@login_required
def consultation_rate(request, pk):
    """The author: rate the lawyer's answer from 1 to 5."""
    consultation = _visible_consultation(request, pk)
    if consultation.author_id != request.user.pk:
        raise PermissionDenied("Оценить ответ может только автор вопроса.")
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите оценку от 1 до 5.")
        return redirect(consultation)
    rating = form.cleaned_data["rating"]
    return _run(request, consultation, lambda: consultation.rate(rating), "Спасибо за оценку.")


@require_POST
@role_required(roles.LAWYER)
def consultation_publish(request, pk):
    """Lawyers: publish an anonymised question and answer to the Q&A base. A refused form
    is shown again with the anonymised text kept."""
    consultation = _visible_consultation(request, pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            consultation.publish_to_qa(form.cleaned_data["question"], form.cleaned_data["answer"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Ответ опубликован в базе вопросов и ответов.")
            return redirect(consultation)
    return _render_detail(request, consultation, status=400, publish_form=form)


@require_GET
@role_required(roles.LAWYER)
def consultation_queue(request):
    """Lawyers: open consultations by deadline; «мои» shows those assigned to me."""
    queue = Consultation.objects.queue().select_related("author", "assignee")
    mine = request.GET.get("mine") == "1"
    if mine:
        queue = queue.filter(assignee=request.user)
    return render(
        request,
        "legal_vector/consultation_queue.html",
        {"queue": list(queue[:QUEUE_LIMIT]), "mine": mine, "statuses": ConsultationStatus},
    )


@require_POST
@login_required
def consultation_follow_up(request, pk):
    """The author: a follow-up question with checked files while the consultation is open."""
    consultation = _visible_consultation(request, pk)
    if consultation.author_id != request.user.pk:
        raise PermissionDenied("Дополнить консультацию может только её автор.")
    form = FollowUpForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, consultation, status=400, follow_up_form=form)
    text, uploads = form.cleaned_data["text"], form.cleaned_data["files"]
    try:
        outcome = submit_once(
            request,
            form,
            lambda: consultation.add_follow_up(request.user, text, uploads),
            url=lambda message: f"{consultation.get_absolute_url()}#thread",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(consultation)
    if outcome.repeated:
        messages.info(request, "Это уточнение уже отправлено — повторно не добавляем.")
    else:
        messages.success(request, "Уточнение отправлено юристу.")
    return redirect(outcome.url)


@require_GET
@login_required
def consultation_file(request, pk, file_pk):
    """The author and lawyers: a file attached to the consultation, as a download."""
    consultation = _visible_consultation(request, pk)
    attachment = get_object_or_404(
        ConsultationAttachment, pk=file_pk, message__consultation=consultation
    )
    return file_response(attachment.file, attachment.name)


ACTIONS = {
    "take": consultation_take,
    "answer": consultation_answer,
    "close": consultation_close,
    "rate": consultation_rate,
    "follow-up": consultation_follow_up,
    "publish": consultation_publish,
}


@require_POST
def consultation_action(request, pk, action):
    """Lawyers (take, answer, close, publish) or the author (rate, follow-up): each action
    view enforces its own rule with its decorators; unknown actions are 404."""
    view = ACTIONS.get(action)
    if view is None:
        raise Http404("Нет такого действия.")
    return view(request, pk)
