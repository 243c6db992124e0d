"""How to ask: words for the talk with the current oncologist, and letters the patient can edit and send."""

from __future__ import annotations

from dataclasses import dataclass

from onconav.guidance.case import Case

HOW_TO_ASK_INTRO = (
    "Asking for a second opinion is a normal part of cancer care, and most oncologists are used to it. "
    "You can keep your current doctor while you get one. Saying it plainly, and asking for help with "
    "the referral, usually works best."
)


@dataclass
class Letter:
    """An editable letter."""

    id: str
    title: str
    to: str
    body: str


def _diagnosis(case: Case) -> str:
    name = case.cancer_name.lower() if case.cancer_name else "cancer"
    if case.profile.stage_group:
        stage = str(case.profile.stage_group)
        return f"{name} ({stage if stage.lower().startswith('stage') else 'stage ' + stage})"
    return name


def _procedures(case: Case) -> str:
    done = [
        f"{t.get('name')}" + (f" on {t.get('start')}" if t.get("start") else "")
        for t in case.profile.treatments
        if str(t.get("type", "")).lower() == "surgery"
    ]
    return "; ".join(done) if done else "[type of biopsy or surgery, and its date]"


def conversation_lines(case: Case) -> list[str]:
    """Things a patient can say to the current oncologist (plain, friendly, non-confrontational)."""
    what = _diagnosis(case)
    return [
        f"Because {what} is a big diagnosis for me, I'd like another specialist to look at my case before "
        "we decide. I hope you can help me set that up.",
        "This isn't about trust. I want to feel sure about the plan, and I'd like to keep you as my "
        "oncologist.",
        "Is there a doctor or center you would suggest? Could your office send my records, scans and "
        "pathology slides to them?",
        "Is it safe to take a couple of weeks for this, or should something start first?",
        "Could you give me a short written summary of your recommendation that I can take with me?",
    ]


def _sign() -> str:
    return "Thank you for your help.\n\n[Your name]\n[Date of birth]\n[Phone or email]\n[Date]"


def referral_letter(case: Case, center: str | None) -> Letter:
    """A request to the current oncologist for a referral for a second opinion."""
    dest = center or "[name of the doctor or cancer center]"
    body = (
        "Dear Dr. [name],\n\n"
        f"I am being treated for {_diagnosis(case)}, and I would like a second opinion before we make "
        f"final treatment decisions. I would like to be seen at {dest}.\n\n"
        "Could you please send a referral, along with my recent notes, the pathology and imaging reports, "
        "and any biomarker or genetic test results? If my insurance needs a referral or prior "
        "authorization, I would be grateful if your office could arrange it.\n\n"
        "I value the care you are giving me and plan to keep you involved in my treatment.\n\n" + _sign()
    )
    return Letter("referral", "Request for a referral for a second opinion", "Your current oncologist", body)


def records_letter(case: Case) -> Letter:
    """A HIPAA right-of-access request for copies of medical records."""
    hospital = case.profile.hospital or "[hospital or clinic name]"
    body = (
        f"To: Medical Records (Health Information Management), {hospital}\n\n"
        "Under the HIPAA Privacy Rule (45 CFR 164.524), I am asking for copies of my medical records. "
        "Please send them in electronic form if possible, or on paper if not.\n\n"
        "Records I am asking for:\n"
        "- all pathology reports, including addenda and outside consults\n"
        "- imaging reports, and the images themselves on a disc or a secure link\n"
        f"- operative and procedure notes ({_procedures(case)})\n"
        "- biomarker, molecular and genetic test reports\n"
        "- oncology visit notes, the treatment plan, and discharge summaries\n"
        "- recent laboratory results, including tumor markers\n\n"
        "Please send them to: [your address, email or portal], or directly to [second-opinion center].\n"
        "Dates of care: [from] to [to].\n\n"
        "I understand the law asks for a response within 30 days and allows only a reasonable, cost-based "
        "fee. Please tell me in advance if there is a charge.\n\n" + _sign()
    )
    return Letter(
        "records", "Request for copies of my medical records (HIPAA right of access)", hospital, body
    )


def slides_letter(case: Case, center: str | None) -> Letter:
    """A request to the pathology department to send slides (and blocks) to the second-opinion center."""
    hospital = case.profile.hospital or "[hospital or laboratory name]"
    dest = center or "[second-opinion center]"
    body = (
        f"To: Pathology Department, {hospital}\n\n"
        f"I am getting a second opinion at {dest}. Please send the glass slides (and the paraffin blocks, "
        "if they ask for them) from the following specimens to their pathology department for review:\n\n"
        f"- {_procedures(case)}\n"
        "- specimen or accession numbers: [from the pathology report]\n\n"
        f"Send to: Pathology consultation, {dest}, [address from the center].\n"
        "Please include copies of the pathology reports with the slides.\n\n"
        "If you need my signed authorization on your own form, please let me know.\n\n" + _sign()
    )
    return Letter(
        "slides",
        "Request to send pathology slides to the second-opinion center",
        f"Pathology department, {hospital}",
        body,
    )


def letters_for(case: Case, center: str | None = None) -> list[Letter]:
    """The three letters, filled in with what the records show and [brackets] for the rest."""
    return [referral_letter(case, center), records_letter(case), slides_letter(case, center)]
