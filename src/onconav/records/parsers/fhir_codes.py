"""Small code tables for reading FHIR records: cancer types (OncoTree), biomarkers, staging, drugs."""

from __future__ import annotations

import re

# (OncoTree code, name, primary site) for coded cancer diagnoses.
CancerType = tuple[str, str, str]

SNOMED_CANCERS: dict[str, CancerType] = {
    "254837009": ("BRCA", "Invasive Breast Carcinoma", "Breast"),
    "372137005": ("BRCA", "Invasive Breast Carcinoma", "Breast"),
    "408643008": ("IDC", "Breast Invasive Ductal Carcinoma", "Breast"),
    "93761005": ("COAD", "Colon Adenocarcinoma", "Colon"),
    "109838007": ("COAD", "Colon Adenocarcinoma", "Colon"),
    "363406005": ("COAD", "Colon Adenocarcinoma", "Colon"),
    "94260004": ("COAD", "Colon Adenocarcinoma", "Colon"),  # Synthea codes its colon cancer this way
    "126906006": ("PRAD", "Prostate Adenocarcinoma", "Prostate"),
    "92691004": ("PRAD", "Prostate Adenocarcinoma", "Prostate"),
    "399068003": ("PRAD", "Prostate Adenocarcinoma", "Prostate"),
    "254637007": ("NSCLC", "Non-Small Cell Lung Cancer", "Lung"),
    "424132000": ("NSCLC", "Non-Small Cell Lung Cancer", "Lung"),
    "425048006": ("NSCLC", "Non-Small Cell Lung Cancer", "Lung"),
    "422968005": ("NSCLC", "Non-Small Cell Lung Cancer", "Lung"),
    "423121009": ("NSCLC", "Non-Small Cell Lung Cancer", "Lung"),
    "254632001": ("SCLC", "Small Cell Lung Cancer", "Lung"),
    "363358000": ("LUNG", "Lung Cancer", "Lung"),
    "363418001": ("PAAD", "Pancreatic Adenocarcinoma", "Pancreas"),
    "363443007": ("OVARY", "Ovarian Cancer", "Ovary"),
    "372244006": ("MEL", "Melanoma", "Skin"),
}

# ICD-10 and ICD-O-3 topography share the C-code prefixes.
ICD_PREFIX_CANCERS: dict[str, CancerType] = {
    "C50": ("BRCA", "Invasive Breast Carcinoma", "Breast"),
    "C18": ("COAD", "Colon Adenocarcinoma", "Colon"),
    "C19": ("READ", "Rectal Adenocarcinoma", "Rectosigmoid junction"),
    "C20": ("READ", "Rectal Adenocarcinoma", "Rectum"),
    "C34": ("LUNG", "Lung Cancer", "Lung"),
    "C61": ("PRAD", "Prostate Adenocarcinoma", "Prostate"),
    "C25": ("PAAD", "Pancreatic Adenocarcinoma", "Pancreas"),
    "C16": ("STAD", "Stomach Adenocarcinoma", "Stomach"),
    "C15": ("EGC", "Esophagogastric Cancer", "Esophagus"),
    "C22": ("HCC", "Hepatocellular Carcinoma", "Liver"),
    "C43": ("MEL", "Melanoma", "Skin"),
    "C64": ("RCC", "Renal Cell Carcinoma", "Kidney"),
    "C67": ("BLCA", "Bladder Urothelial Carcinoma", "Bladder"),
    "C73": ("THPA", "Papillary Thyroid Cancer", "Thyroid"),
    "C53": ("CESC", "Cervical Squamous Cell Carcinoma", "Cervix"),
    "C54": ("UCEC", "Uterine Endometrioid Carcinoma", "Uterus"),
    "C56": ("OVARY", "Ovarian Cancer", "Ovary"),
    "C71": ("BRAIN", "CNS/Brain Cancer", "Brain"),
    "C90": ("PCM", "Plasma Cell Myeloma", "Bone marrow"),
}

# Display-text fallback, most specific first.
TEXT_CANCERS: list[tuple[re.Pattern[str], CancerType]] = [
    (re.compile(p, re.I), ct)
    for p, ct in (
        (r"breast.*\bduct|\bduct.*breast", ("IDC", "Breast Invasive Ductal Carcinoma", "Breast")),
        (r"breast.*lobular|lobular.*breast", ("ILC", "Breast Invasive Lobular Carcinoma", "Breast")),
        (r"breast", ("BRCA", "Invasive Breast Carcinoma", "Breast")),
        (r"non[- ]?small[- ]cell", ("NSCLC", "Non-Small Cell Lung Cancer", "Lung")),
        (r"small[- ]cell.*lung|lung.*small[- ]cell", ("SCLC", "Small Cell Lung Cancer", "Lung")),
        (r"\blung|bronch", ("LUNG", "Lung Cancer", "Lung")),
        (r"colorectal", ("COADREAD", "Colorectal Adenocarcinoma", "Colon and rectum")),
        (r"\bcolon|\bcecum|sigmoid", ("COAD", "Colon Adenocarcinoma", "Colon")),
        (r"\brect(?:um|al)", ("READ", "Rectal Adenocarcinoma", "Rectum")),
        (r"prostat", ("PRAD", "Prostate Adenocarcinoma", "Prostate")),
        (r"pancrea", ("PAAD", "Pancreatic Adenocarcinoma", "Pancreas")),
        (r"stomach|gastric", ("STAD", "Stomach Adenocarcinoma", "Stomach")),
        (r"esophag|oesophag", ("EGC", "Esophagogastric Cancer", "Esophagus")),
        (r"hepatocellular|\bliver", ("HCC", "Hepatocellular Carcinoma", "Liver")),
        (r"melanoma", ("MEL", "Melanoma", "Skin")),
        (r"\bkidney|\brenal", ("RCC", "Renal Cell Carcinoma", "Kidney")),
        (r"bladder|urothelial", ("BLCA", "Bladder Urothelial Carcinoma", "Bladder")),
        (r"thyroid", ("THPA", "Papillary Thyroid Cancer", "Thyroid")),
        (r"\bovar", ("OVARY", "Ovarian Cancer", "Ovary")),
        (r"endometri|uter(?:us|ine)", ("UCEC", "Uterine Endometrioid Carcinoma", "Uterus")),
        (r"cervi[xc]", ("CESC", "Cervical Squamous Cell Carcinoma", "Cervix")),
        (r"glioblastoma", ("GB", "Glioblastoma", "Brain")),
        (r"myeloma", ("PCM", "Plasma Cell Myeloma", "Bone marrow")),
        (r"head and neck|oropharyn|laryn|oral cavity", ("HNSC", "Head and Neck Squamous Cell Carcinoma",
                                                        "Head and neck")),
    )
]

CANCER_WORDS = re.compile(
    r"malignan|carcinoma|cancer|neoplasm of|tumou?r of|lymphoma|leuka?emia|melanoma|sarcoma|myeloma|glioma|"
    r"blastoma|metasta", re.I)
NOT_CANCER = re.compile(r"benign|polyp|history of|screening|suspected|family history|risk|fear of|"
                        r"no evidence|negative for", re.I)
SECONDARY = re.compile(r"secondary|metasta", re.I)

ICDO_HISTOLOGY = {
    "8500/3": "Infiltrating duct carcinoma", "8520/3": "Lobular carcinoma", "8140/3": "Adenocarcinoma",
    "8070/3": "Squamous cell carcinoma", "8720/3": "Malignant melanoma", "8041/3": "Small cell carcinoma",
    "8046/3": "Non-small cell carcinoma", "8010/3": "Carcinoma", "8120/3": "Transitional cell carcinoma",
    "8312/3": "Renal cell carcinoma", "8260/3": "Papillary adenocarcinoma", "8480/3": "Mucinous adenocarcinoma",
}

BIOMARKER_LOINC = {
    "16112-5": "ER", "40556-3": "ER", "85337-4": "ER", "85310-9": "ER",
    "16113-3": "PR", "40557-1": "PR", "85339-0": "PR",
    "48676-1": "HER2", "18474-7": "HER2", "85319-2": "HER2", "85318-4": "HER2", "72383-3": "HER2",
    "62862-8": "MSI", "81695-9": "MSI", "94077-5": "TMB", "29593-4": "Ki-67", "85147-7": "Ki-67",
}
BIOMARKER_TEXT: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), name)
    for p, name in (
        (r"estrogen\s+receptor|oestrogen|\bER\b(?![- ]?\w*beta)", "ER"), (r"progesterone\s+receptor|\bPR\b", "PR"),
        (r"\bHER-?2\b|\bHER2/neu", "HER2"), (r"\bKi-?67\b|\bMIB-?1\b", "Ki-67"),
        (r"microsatellite|\bMSI\b", "MSI"), (r"mismatch\s+repair|\bMMR\b", "MMR"),
        (r"mutation(?:al)?\s+burden|\bTMB\b", "TMB"), (r"\bPD-?L1\b|\bCD274\b", "PD-L1"),
        (r"homologous\s+recombination|\bHRD\b", "HRD"),
    )
]
GENES = ("MLH1", "MSH2", "MSH6", "PMS2", "KRAS", "NRAS", "BRAF", "EGFR", "ALK", "ROS1", "RET", "MET", "NTRK1",
         "NTRK2", "NTRK3", "NTRK", "ERBB2", "BRCA1", "BRCA2", "PALB2", "PIK3CA", "IDH1", "IDH2", "FGFR2", "TP53",
         "ESR1", "STK11", "CCND1", "FGFR1", "MDM2", "PTEN", "CDKN2A", "FGFR3", "KIT", "ATM")
GENE_WORD = re.compile(r"\b(" + "|".join(GENES) + r")\b")
HGNC = {
    "HGNC:3236": "EGFR", "HGNC:6407": "KRAS", "HGNC:7989": "NRAS", "HGNC:1097": "BRAF", "HGNC:8975": "PIK3CA",
    "HGNC:3430": "ERBB2", "HGNC:1100": "BRCA1", "HGNC:1101": "BRCA2", "HGNC:26144": "PALB2", "HGNC:427": "ALK",
    "HGNC:10261": "ROS1", "HGNC:9967": "RET", "HGNC:7029": "MET", "HGNC:5382": "IDH1", "HGNC:5383": "IDH2",
    "HGNC:3689": "FGFR2", "HGNC:3688": "FGFR1", "HGNC:11998": "TP53", "HGNC:3467": "ESR1", "HGNC:11389": "STK11",
    "HGNC:1582": "CCND1", "HGNC:6973": "MDM2", "HGNC:7127": "MLH1", "HGNC:7325": "MSH2", "HGNC:7329": "MSH6",
    "HGNC:9122": "PMS2", "HGNC:9588": "PTEN",
}
RESULT_CODES = {
    "10828004": "positive", "LA6576-8": "positive", "POS": "positive", "260385009": "negative",
    "LA6577-6": "negative", "NEG": "negative", "LA9633-4": "present", "52101004": "present",
    "LA9634-2": "absent", "2667000": "absent", "75540009": "high", "62482003": "low", "H": "high", "L": "low",
    "42425007": "equivocal", "LA15347-8": "equivocal",
}
RESULT_WORDS = re.compile(r"\b(positive|negative|equivocal|indeterminate|present|absent|detected|not detected|"
                          r"high|low|stable|amplified|not amplified|mutated|wild[- ]type)\b", re.I)

TNM_CODES = {
    "21905-5": ("t", "c"), "21899-0": ("t", "p"), "399504009": ("t", "c"), "384625004": ("t", "p"),
    "21906-3": ("n", "c"), "21900-6": ("n", "p"), "399534004": ("n", "c"), "371494008": ("n", "p"),
    "21907-1": ("m", "c"), "21901-4": ("m", "p"), "399387003": ("m", "c"), "371497001": ("m", "p"),
    "21908-9": ("stage", "c"), "21902-2": ("stage", "p"), "399537006": ("stage", "c"), "399390009": ("stage", "p"),
}
ECOG_CODES = {"LA9622-7": 0, "LA9623-5": 1, "LA9624-3": 2, "LA9625-0": 3, "LA9626-8": 4, "LA9627-6": 5}

LAB_LOINC = {
    "2857-1": "PSA", "2039-6": "CEA", "10334-1": "CA-125", "24108-3": "CA 19-9", "1834-1": "AFP",
    "718-7": "Hemoglobin", "6690-2": "White blood cells", "777-3": "Platelets", "2160-0": "Creatinine",
    "1975-2": "Bilirubin", "1742-6": "ALT", "1920-8": "AST", "751-8": "Neutrophils",
}

_DRUGS: dict[str, tuple[str, ...]] = {
    "chemotherapy": (
        "paclitaxel", "docetaxel", "carboplatin", "cisplatin", "oxaliplatin", "fluorouracil", "capecitabine",
        "gemcitabine", "doxorubicin", "epirubicin", "cyclophosphamide", "ifosfamide", "etoposide", "irinotecan",
        "topotecan", "pemetrexed", "vinorelbine", "vincristine", "vinblastine", "eribulin", "methotrexate",
        "temozolomide", "leucovorin", "bleomycin", "dacarbazine", "mitomycin", "cytarabine", "azacitidine",
        "decitabine", "bendamustine", "trifluridine", "fludarabine", "cabazitaxel"),
    "hormone": (
        "tamoxifen", "letrozole", "anastrozole", "exemestane", "fulvestrant", "leuprolide", "goserelin",
        "degarelix", "abiraterone", "enzalutamide", "apalutamide", "darolutamide", "bicalutamide", "megestrol",
        "triptorelin", "relugolix"),
    "targeted": (
        "trastuzumab", "pertuzumab", "lapatinib", "neratinib", "tucatinib", "palbociclib", "ribociclib",
        "abemaciclib", "alpelisib", "everolimus", "olaparib", "niraparib", "rucaparib", "talazoparib",
        "bevacizumab", "cetuximab", "panitumumab", "osimertinib", "erlotinib", "gefitinib", "afatinib",
        "alectinib", "crizotinib", "lorlatinib", "brigatinib", "entrectinib", "larotrectinib", "selpercatinib",
        "pralsetinib", "capmatinib", "tepotinib", "sotorasib", "adagrasib", "dabrafenib", "trametinib",
        "vemurafenib", "encorafenib", "binimetinib", "imatinib", "sunitinib", "sorafenib", "regorafenib",
        "lenvatinib", "cabozantinib", "axitinib", "pazopanib", "ramucirumab", "rituximab", "ibrutinib",
        "venetoclax", "erdafitinib", "ivosidenib", "pemigatinib", "sacituzumab", "enfortumab", "capivasertib"),
    "immunotherapy": (
        "pembrolizumab", "nivolumab", "ipilimumab", "atezolizumab", "durvalumab", "avelumab", "cemiplimab",
        "dostarlimab", "tremelimumab", "relatlimab", "tislelizumab"),
    "other": ("zoledronic acid", "denosumab"),
}
DRUG_TYPES = {drug: kind for kind, drugs in _DRUGS.items() for drug in drugs}
DRUG_WORD = re.compile(r"\b(" + "|".join(sorted(map(re.escape, DRUG_TYPES), key=len, reverse=True)) + r")\b", re.I)

RADIATION = re.compile(r"radiation|radiotherap|irradiat|brachytherap|proton|stereotactic|\bSBRT\b|\bIMRT\b", re.I)
CHEMO = re.compile(r"chemotherap|chemoradi", re.I)
BIOPSY = re.compile(r"biops", re.I)
CANCER_SURGERY = re.compile(
    r"mastectomy|lumpectomy|prostatectomy|colectomy|resection of|partial resection|lobectomy|pneumonectomy|"
    r"gastrectomy|esophagectomy|pancreatectomy|whipple|nephrectomy|cystectomy|hysterectomy|oophorectomy|"
    r"thyroidectomy|orchiectomy|hepatectomy|lymph node (?:dissection|excision|biopsy)|sentinel|colostomy|"
    r"wide local excision|excision of (?:tumou?r|neoplasm|lesion)|tumou?r resection|transurethral resection",
    re.I)
SURGERY = re.compile(r"ectomy|resection|excision|surg|dissection|ostomy|amputation|lymph node", re.I)
