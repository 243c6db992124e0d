"""Tables behind the cancer type: organ words, OncoTree codes per organ and histology family, and
which organs a histology can (not) start in."""

from __future__ import annotations

# organ -> pattern of words naming it (site words and organ-specific procedures)
ORGANS: dict[str, str] = {
    "breast": r"breast|mammae?|mastectomy|lumpectomy|mammary|nipple|axillary\s+(?:lymph|dissection|sentinel)",
    "lung": r"lung|lobectomy|pneumonectomy|pulmonary|bronch\w*|pleura(?!l\s+mesothelioma)|\b(?:right|left)\s+"
    r"(?:upper|lower|middle)\s+lobe|\b[RL][UL]L\b",
    "colon": r"colon|colonic|cecum|caecum|sigmoid|colectomy|hepatic\s+flexure|splenic\s+flexure|pericolic|"
    r"ileocecal|appendix",
    "rectum": r"rectum|rectal|rectosigmoid|anterior\s+resection|abdominoperineal|perirectal|mesorect",
    "stomach": r"stomach|gastric|gastrectomy|pylor\w*|antrum|fundus|cardia|lesser\s+curvature|"
    r"greater\s+curvature",
    "esophagus": r"esophag\w*|oesophag\w*|gastroesophageal|gastro-esophageal|barrett",
    "kidney": r"kidney|renal|nephrectomy|perinephric|perirenal|gerota",
    "thyroid": r"thyroid\w*|isthmus",
    "liver": r"liver|hepat\w*|hepatic\s+lobe",
    "bile_duct": r"bile\s+duct|cholangio\w*|biliary|hilar\s+cholang|klatskin|gallbladder",
    "pancreas": r"pancrea(?!tobiliary)\w*|whipple",
    "ampulla": r"ampulla(?:ry)?|papilla\s+of\s+vater|vaterian",
    "bladder": r"bladder|cystectomy|cystoprostatectomy|perivesical|urothelial|ureter",
    "prostate": r"prostat\w*|seminal\s+vesicle|gleason",
    "cervix": r"cervix|cervical\s+(?:carcinoma|cancer|stroma|wall|biopsy)|endocervi\w*|ectocervi\w*|"
    r"hysterectomy|"
    r"parametri\w*",
    "uterus": r"endometri\w*|myometri\w*|uterine\s+corpus",
    "ovary": r"ovary|ovarian|fallopian|adnex\w*|omentum",
    "skin": r"\bskin\b|cutaneous|dermis|epidermis|breslow|clark",
    "eye": r"\beye\b|uvea\w*|choroid\w*|ciliary\s+body|enucleation|ocular|sclera\w*|intraocular",
    "testis": r"testis|testes|testicle|testicular|orchiectomy|spermatic\s+cord|tunica\s+albuginea",
    "adrenal": r"adrenal\w*|adrenalectomy",
    "pleura": r"pleura\w*|pleurectomy|mesothelioma",
    "head_neck": r"tongue|oral\s+cavity|floor\s+of\s+(?:the\s+)?mouth|larynx|laryngeal|laryngectomy|pharynx|"
    r"oropharyn\w*|hypopharyn\w*|tonsil\w*|glottic|supraglottic|epiglott\w*|mandib\w*|maxill\w*|"
    r"buccal|gingiva\w*|palate|glossectomy|alveolar\s+ridge|retromolar|piriform|vocal\s+cord|"
    r"base\s+of\s+tongue|lip\b",
    "brain": r"brain|cerebr\w*|frontal\s+lobe|temporal\s+lobe|parietal\s+lobe|occipital\s+lobe|glio\w*|"
    r"craniotomy",
}
# (organ, histology family or "*") -> (OncoTree code, name); first match wins.
ONCOTREE: tuple[tuple[str, str, str, str], ...] = (
    ("breast", "ductal", "IDC", "Breast Invasive Ductal Carcinoma"),
    ("breast", "lobular", "ILC", "Breast Invasive Lobular Carcinoma"),
    ("breast", "ductal_lobular", "MDLC", "Breast Mixed Ductal and Lobular Carcinoma"),
    ("breast", "mucinous", "IMMC", "Breast Invasive Mixed Mucinous Carcinoma"),
    ("breast", "dcis", "DCIS", "Breast Ductal Carcinoma In Situ"),
    ("breast", "*", "BRCA", "Invasive Breast Carcinoma"),
    ("lung", "adeno", "LUAD", "Lung Adenocarcinoma"),
    ("lung", "mucinous", "LUAD", "Lung Adenocarcinoma"),
    ("lung", "squamous", "LUSC", "Lung Squamous Cell Carcinoma"),
    ("lung", "small_cell", "SCLC", "Small Cell Lung Cancer"),
    ("lung", "large_cell", "LCLC", "Large Cell Lung Carcinoma"),
    ("lung", "mesothelioma", "PLMESO", "Pleural Mesothelioma"),
    ("lung", "*", "NSCLC", "Non-Small Cell Lung Cancer"),
    ("pleura", "*", "PLMESO", "Pleural Mesothelioma"),
    ("colon", "mucinous", "MACR", "Mucinous Adenocarcinoma of the Colon and Rectum"),
    ("colon", "*", "COAD", "Colon Adenocarcinoma"),
    ("rectum", "mucinous", "MACR", "Mucinous Adenocarcinoma of the Colon and Rectum"),
    ("rectum", "*", "READ", "Rectal Adenocarcinoma"),
    ("esophagus", "squamous", "ESCC", "Esophageal Squamous Cell Carcinoma"),
    ("esophagus", "*", "ESCA", "Esophageal Adenocarcinoma"),
    ("stomach", "*", "STAD", "Stomach Adenocarcinoma"),
    ("kidney", "clear_cell_rcc", "CCRCC", "Renal Clear Cell Carcinoma"),
    ("kidney", "papillary_rcc", "PRCC", "Papillary Renal Cell Carcinoma"),
    ("kidney", "chromophobe_rcc", "CHRCC", "Chromophobe Renal Cell Carcinoma"),
    ("kidney", "urothelial", "UTUC", "Upper Tract Urothelial Carcinoma"),
    ("kidney", "*", "RCC", "Renal Cell Carcinoma"),
    ("thyroid", "follicular_thyroid", "THFO", "Follicular Thyroid Cancer"),
    ("thyroid", "medullary_thyroid", "THME", "Medullary Thyroid Cancer"),
    ("thyroid", "anaplastic_thyroid", "THAP", "Anaplastic Thyroid Cancer"),
    ("thyroid", "*", "THPA", "Papillary Thyroid Cancer"),
    ("liver", "cholangio", "IHCH", "Intrahepatic Cholangiocarcinoma"),
    ("liver", "adeno", "IHCH", "Intrahepatic Cholangiocarcinoma"),
    ("liver", "*", "HCC", "Hepatocellular Carcinoma"),
    ("bile_duct", "*", "CHOL", "Cholangiocarcinoma"),
    ("ampulla", "*", "AMPCA", "Ampullary Carcinoma"),
    ("pancreas", "net", "PANET", "Pancreatic Neuroendocrine Tumor"),
    ("pancreas", "*", "PAAD", "Pancreatic Adenocarcinoma"),
    ("bladder", "*", "BLCA", "Bladder Urothelial Carcinoma"),
    ("prostate", "*", "PRAD", "Prostate Adenocarcinoma"),
    ("cervix", "adeno", "ECAD", "Endocervical Adenocarcinoma"),
    ("cervix", "*", "CESC", "Cervical Squamous Cell Carcinoma"),
    ("uterus", "serous", "USC", "Uterine Serous Carcinoma/Uterine Papillary Serous Carcinoma"),
    ("uterus", "*", "UEC", "Uterine Endometrioid Carcinoma"),
    ("ovary", "*", "HGSOC", "High-Grade Serous Ovarian Cancer"),
    ("skin", "melanoma", "SKCM", "Cutaneous Melanoma"),
    ("eye", "melanoma", "UM", "Uveal Melanoma"),
    ("testis", "seminoma", "SEM", "Seminoma"),
    ("testis", "*", "NSGCT", "Non-Seminomatous Germ Cell Tumor"),
    ("adrenal", "pheo", "PHC", "Pheochromocytoma"),
    ("adrenal", "*", "ACC", "Adrenocortical Carcinoma"),
    ("head_neck", "melanoma", "HNMUCM", "Head and Neck Mucosal Melanoma"),
    ("head_neck", "*", "HNSC", "Head and Neck Squamous Cell Carcinoma"),
    ("brain", "gbm", "GB", "Glioblastoma"),
    ("brain", "oligo", "ODG", "Oligodendroglioma"),
    ("brain", "oligoastro", "DIFG", "Diffuse Glioma"),
    ("brain", "astro", "ASTR", "Astrocytoma"),
    ("brain", "*", "DIFG", "Diffuse Glioma"),
)
# Histologies that decide the organ on their own (they occur in one organ only).
FAMILY_ORGAN = {
    "hcc": "liver",
    "clear_cell_rcc": "kidney",
    "papillary_rcc": "kidney",
    "chromophobe_rcc": "kidney",
    "rcc": "kidney",
    "papillary_thyroid": "thyroid",
    "follicular_thyroid": "thyroid",
    "medullary_thyroid": "thyroid",
    "anaplastic_thyroid": "thyroid",
    "urothelial": "bladder",
    "seminoma": "testis",
    "nsgct": "testis",
    "acc": "adrenal",
    "pheo": "adrenal",
    "mesothelioma": "pleura",
    "gbm": "brain",
    "oligo": "brain",
    "oligoastro": "brain",
    "astro": "brain",
    "glioma": "brain",
    "ductal": "breast",
    "lobular": "breast",
    "ductal_lobular": "breast",
    "dcis": "breast",
    "breast_invasive": "breast",
    "cholangio": "bile_duct",
}
# Organs where a given histology is implausible as a primary (so the histology wins).
HISTOLOGY_ORGANS = {"melanoma": {"skin", "eye", "head_neck"}}
# Organs a histology does not arise in (as a primary): when the organs that remain are named, the choice
# is made among them. A serous carcinoma seeding the colon is gynaecologic; a squamous cell carcinoma in a
# hysterectomy with the ovaries is cervical.
NOT_PRIMARY_IN = {
    "serous": {"colon", "rectum", "bladder", "liver", "bile_duct", "stomach", "lung", "pleura", "kidney"},
    "squamous": {"ovary", "uterus", "kidney", "prostate", "liver", "brain", "colon", "breast"},
}
