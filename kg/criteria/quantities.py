"""Measured quantities that criteria put thresholds on: spelling -> normalised short name.

The list grows from data: the comparisons (sign, number, unit) that the corpus criteria
left unread, grouped by the words before them (round 6 added, among others, UPCR, UACR,
urine protein, EASI, PASI, IGA, BSA, ABI, stenosis, LDH, procalcitonin, IL-6, wedge
pressure, MAP, CVP, PEEP, PaCO2, pH, respiratory rate "RR", the long PaO2/FiO2 spellings and
"oxygenation index", steroid doses, survival time as life expectancy, clinical scores).
Round 7: oxygen saturation spelt "O2Sat", "Sp02" or a bare "saturation" before a comparison
("saturation below 93%"; not transferrin saturation), Fitzpatrick skin type (a Roman-numeral
scale, "Fitzpatrick Skin Type I to VI"), FiO2 alone (a fraction that sets the conditions of a
measurement: "oxygen saturation <88% on FiO2 = 0.21"; without a unit or in %), "international
normalized index" for INR.
Round 12: named as written where the gold's short names differ: "GFR" (a glomerular filtration
rate not called estimated) apart from "eGFR", "SpO2" (pulse oximetry spelt SpO2) apart from
"oxygen saturation" (SaO2, O2Sat, the words), "proteinuria" apart from "urine protein".
Abbreviations that are also words are read in upper case only ("map", "pain" scores aside).

>>> [(name, m.group()) for name, m in find_quantities("ALT or AST > 2.5 x ULN")]
[('ALT', 'ALT'), ('AST', 'AST')]
>>> [name for name, _ in find_quantities("estimated glomerular filtration rate (eGFR) <45")]
['eGFR']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_COUNT = r"(?:\s+counts?)?"
_QUANTITIES: tuple[tuple[str, str], ...] = (
    ("UPCR", r"(?:urine\s+|urinary\s+|spot\s+)?protein\s*(?:/|to|-|:)\s*creatinine\s+ratio"
             r"(?:\s*\(UPCR\))?|\bUPCR\b|\bUPC\b"),
    ("UACR", r"(?:urine\s+|urinary\s+|spot\s+)?albumin\s*(?:/|to|-|:)\s*creatinine\s+ratio"
             r"(?:\s*\((?:U?ACR|UAC)\))?|\bU?ACR\b"),
    ("urine protein", r"(?:total\s+|quantitative\s+)*(?:24[- ]?h(?:ou)?r?\s+)?(?:urine|urinary)"
                      r"\s+protein(?:\s+(?:excretion|measurement|level))?"),
    ("proteinuria", r"\bproteinuria\b"),  # round 12: named as written (as albuminuria)
    ("EASI", r"Eczema\s+Area\s+(?:and\s+)?Severity\s+Index(?:\s*\(EASI\))?(?:\s+score)?"
             r"|\bEASI(?:[- ]?\d+)?\b(?:\s+score)?"),
    ("PASI", r"Psoriasis\s+Area\s+(?:and\s+)?Severity\s+Index(?:\s*\(PASI\))?(?:\s+score)?"
             r"|\bPASI\b(?:\s+score)?"),
    ("SCORAD", r"\bSCORAD\b(?:\s+score)?"),
    ("IGA", r"(?:(?:validated\s+)?Investigator'?s?\s+)?(?:Static\s+)?Global\s+Assessment"
            r"(?:\s*\((?-i:v?IGA|IGA\s+mod\s+2011)\))?(?:\s+(?:score|scale))?|\b(?-i:v?IGA)\b"
            r"(?:\s+score)?"),
    ("BSA", r"body\s+surface\s+area(?:\s*\(BSA\))?(?:\s+(?:involvement|affected))?|\bBSA\b"),
    ("ABI", r"ankle[- ]brachial\s+(?:pressure\s+)?index(?:\s*\(ABI\))?|\bABI\b"),
    ("stenosis", r"(?:(?:carotid|arterial|artery|coronary|renal|valve|valvular|aortic|mitral"
                 r"|luminal|diameter|vessel|intracranial)\s+)?stenosis"),
    ("LDH", r"lactate?\s*dehydrogenase(?:\s*\(LDH\))?|\bLDH\b"),
    ("procalcitonin", r"procalcitonin(?:\s*\(PCT\))?|\bPCT\b"),
    ("IL-6", r"interleukin[- ]?6(?:\s*\(IL-?6\))?|\bIL-?6\b"),
    ("pulmonary artery wedge pressure",
     r"pulmonary\s+(?:artery\s+|arterial\s+|capillary\s+)+(?:wedge|incarceration|occlusion)\s+"
     r"pressure(?:\s*\((?:PAWP|PCWP|PAOP)\))?|\bP(?:A|C)WP\b|\bPAOP\b"),
    ("stool frequency", r"diarrh(?:o)?ea|(?:stool|bowel\s+movement)s?(?:\s+frequency)?"),
    ("NIS", r"\bNIS(?:\+7)?\b(?:\s+score)?|neuropathy\s+impairment\s+score(?:\s*\(NIS\))?"),
    ("red blood cells", r"red\s+(?:blood\s+)?cells?(?:\s+counts?)?|\bRBCs?\b|erythrocytes"),
    ("prednisone dose", r"prednisone"),
    ("prednisolone dose", r"prednisolone"),
    ("methylprednisolone dose", r"methyl-?prednisolone"),
    ("dexamethasone dose", r"dexamethasone"),
    ("hydrocortisone dose", r"hydrocortisone"),
    ("glucocorticoid dose", r"glucocorticoids?|glucocorticosteroids?"),
    ("corticosteroid dose", r"(?:cortico)?steroids?"),
    ("MAP", r"mean\s+arterial\s+(?:blood\s+)?pressure(?:\s*\(MAP\))?|\bMAP\b"),
    ("CVP", r"central\s+venous\s+pressure(?:\s*\(CVP\))?|\bCVP\b"),
    ("ScvO2", r"central\s+venous\s+oxygen\s+saturation(?:\s*\(ScvO2\))?|\bScvO2\b"),
    ("PEEP", r"positive\s+end[- ]expiratory\s+pressure(?:\s*\(PEEP\))?|\bPEEP\b"),
    ("PaCO2", r"\bPaCO2\b|arterial\s+(?:partial\s+pressure\s+of\s+)?carbon\s+dioxide"),
    ("pH", r"\b(?-i:pH)\b"),
    ("cardiac index", r"cardiac\s+index(?:\s*\(CI\))?"  # "CI" only before L/min/m2
                      r"|\b(?-i:CI)\b(?=\s*(?:[<>≤≥=]+|of)\s*\d[\d.,]*\s*L\s*/\s*min\s*/\s*m)"),
    ("norepinephrine dose", r"nor-?epinephrine|noradrenaline"),
    # round 16: the other vasoactive drugs, a dose each ("dopamine or dobutamine infusion ≤5
    # mcg/kg/min"; a dose unit needed, kg.criteria.senses)
    ("dopamine dose", r"dopamine"),
    ("dobutamine dose", r"dobutamine"),
    ("monoclonal protein", r"(?:serum\s+)?monoclonal\s+protein|\bM[- ]protein\b|paraprotein"),
    ("radiation dose", r"radiation(?:\s+therapy)?|radiotherapy|irradiation"),  # round 11, in Gy
    ("MEWS", r"(?:modified\s+early\s+warning\s+score(?:\s*\(MEWS\))?|\bMEWS\b)(?:\s+score)?"),
    ("CURB-65", r"\bCURB-?65\b(?:\s+score)?"),
    ("APACHE II", r"\bAPACHE(?:[- ]?(?:II|2))?\b(?:\s+score)?"),
    ("MELD", r"\bMELD(?:-Na)?\b(?:\s+score)?|model\s+for\s+end[- ]stage\s+liver\s+disease"),
    ("GAD-7", r"\bGAD-?7\b(?:\s+score)?|generali[sz]ed\s+anxiety\s+(?:disorder\s+)?(?:scale|"
              r"questionnaire)(?:\s*\(GAD-?7\))?(?:\s+score)?"),
    ("PHQ-9", r"\bPHQ-?9\b(?:\s+score)?|patient\s+health\s+questionnaire(?:[- ]?9)?"
              r"(?:\s*\(PHQ-?9\))?(?:\s+score)?"),
    ("CFS", r"(?:clinical\s+)?frailty\s+(?:scale|score)(?:\s*\(CFS\))?(?:\s+score)?"),
    ("BASDAI", r"Bath\s+Ankylosing\s+Spondylitis\s+Disease\s+Activity\s+Index(?:\s*\(BASDAI\))?"
               r"(?:\s+score)?|\bBASDAI\b(?:\s+score)?"),
    ("AHI", r"apn(?:o)?ea[- ]hypopn(?:o)?ea\s+index(?:\s*\(AHI\))?|\bAHI\b"),
    ("EDSS", r"expanded\s+disability\s+status\s+scale(?:\s*\(EDSS\))?(?:\s+score)?"
             r"|\bEDSS\b(?:\s+score)?"),
    ("NIHSS", r"\bNIHSS\b(?:\s+score)?|National\s+Institutes?\s+of\s+Health\s+Stroke\s+Scale"
              r"(?:\s*\(NIHSS\))?(?:\s+score)?"),
    ("mRS", r"modified\s+Rankin\s+(?:scale|score)(?:\s*\(mRS\))?(?:\s+score)?"
            r"|\bmRS\b(?:\s+score)?"),
    ("MoCA", r"Montreal\s+Cognitive\s+Assessment(?:\s*\(MoCA\))?(?:\s+score)?|\bMoCA\b"
             r"(?:\s+score)?"),
    ("MADRS", r"Montgomery[- ]+(?:and\s+)?[AÅ]sberg\s+Depression\s+Rating\s+Scale(?:\s*\(MADRS\))?"
              r"(?:\s+(?:total\s+)?score)?|\bMADRS\b(?:\s+(?:total\s+)?score)?"),
    ("PANSS", r"\bPANSS\b(?:\s+(?:total\s+)?score)?|Positive\s+and\s+Negative\s+Syndrome\s+Scale"
              r"(?:\s*\(PANSS\))?"),
    ("CD4%", r"\bCD4\+?\s*%|\bCD4\s+percent(?:age)?"),
    ("BUN", r"(?:blood\s+)?urea\s+nitrogen(?:\s*\(BUN\))?|\bBUN\b"),
    ("creatinine", r"\b(?-i:S?Cr)\b(?!\.)"),
    ("creatinine clearance", r"\b(?-i:C[Cc][Rr])\b"),
    ("bilirubin", r"\bT?-?BIL\b"),
    ("pain", r"pain(?:\s+(?:score|intensity|(?:on\s+(?:the\s+)?)?(?:NRS|VAS)))?"),
    ("QRS", r"\bQRS\b(?:\s+(?:duration|width|interval|complex))?"),
    ("PND", r"polyneuropathy\s+disability(?:\s*\(PND\))?(?:\s+score)?|\bPND\b(?:\s+score)?"),
    ("ISI", r"insomnia\s+severity\s+index(?:\s*\(ISI\))?(?:\s+score)?|\bISI\b(?:\s+score)?"),
    ("ICP", r"intracranial\s+pressure(?:\s*\(ICP\))?|\bICP\b"),
    ("CPP", r"cerebral\s+perfusion\s+pressure(?:\s*\(CPP\))?|\bCPP\b"),
    ("platelets", r"\bPlts?\b"),
    ("life expectancy", r"(?:anticipated|estimated|expected|predicted)\s+"
                        r"(?:survival|life(?:[- ]?span)?)(?:\s+(?:time|cycle|span))?"
                        r"|survival\s+time|life\s+expectance|lifespan"
                        r"|(?<=limit\s)survival|(?<=limits\s)survival|(?<=limiting\s)survival"),
    ("body weight", r"\bweigh(?:s|ing)\b"),  # round 17: named as gold.jsonl names it
    ("HbA1c", r"\bHbA1c\b|\bA1C\b|glyc(?:ated|osylated)\s+ha?emoglobin|ha?emoglobin\s+A1c"),
    ("ALT", r"alanine\s+(?:amino)?trans(?:aminase|ferase)s?|\bALT\b|\bSGPT\b|\bALAT\b|\bGPT\b"),
    ("AST", r"asp[ae]rtate\s+(?:amino)?trans(?:aminase|ferase)s?|\bAST\b|\bSGOT\b|\bASAT\b"),
    ("aminotransferase", r"\b(?:amino)?transferases?\b|\btransaminases?\b|\bliver\s+enzymes\b"),
    ("bilirubin", r"(?:total\s+|serum\s+|direct\s+)?bilirubin|hyperbilirubin(?:a)?emia"),
    ("creatinine clearance", r"[ck]reatinine\s+clear[ae]nce|\bCrCl\b|\bCLcr\b"),
    ("eGFR", r"estimated\s+glomerular\s+filt(?:e)?ration\s+rate(?:\s*\((?:e-?)?GFR\))?"
             r"|glomerular\s+filt(?:e)?ration\s+rate\s*\(e-?GFR\)|\be-?GFR\b"),
    ("GFR", r"glomerular\s+filt(?:e)?ration\s+rate(?:\s*\(GFR\))?|\bGFR\b"),  # round 12
    ("creatinine", r"(?:serum\s+)?creatinine"),
    ("platelets", rf"platelets?{_COUNT}|\bPLT\b|thrombocytes?{_COUNT}|thrombocytop(?:a)?enia"),
    ("ANC",
     rf"(?:absolute\s+)?neutrophils?{_COUNT}(?:\s*\(ANC\))?|\bANC\b|granulocytes?{_COUNT}"
     r"|neutrop(?:a)?enia"),
    ("lymphocytes", rf"(?:absolute\s+)?lymphocytes?{_COUNT}"),
    ("WBC", rf"white\s+blood\s+(?:cells?)?{_COUNT}(?:\s*\(WBC\))?|\bWBC\b|leu[ck]ocytes?{_COUNT}"
            r"|leu[ck]op(?:a)?enia"),
    ("hemoglobin", r"ha?emoglobin|\bHgb\b|\bHb\b|\ban(?:a)?emia"),
    ("hematocrit", r"ha?ematocrit|\bHct\b"),
    ("BMI", r"body\s+mass\s+index(?:\s*\(BMI\))?|\bBMI\b"),
    ("ECOG", r"\bECOG\b(?:\s+performance\s+status)?(?:\s*\(PS\))?|\bZubrod\b|performance\s+status"),
    ("Karnofsky", r"Karnofsky(?:\s+performance\s+(?:status|score))?|\bKPS\b"),
    ("QTc", r"\bQTc[FB]?\b(?:\s+interval)?|corrected\s+QT(?:\s+interval)?(?:\s*\(QTc[FB]?\))?"
            r"|\bQT\s+interval"),
    ("LVEF", r"(?:left\s+ventricular\s+)?ejection\s+fraction(?:\s*\(LVEF\))?|\bLVEF\b"),
    ("life expectancy", r"life\s+expectancy|expected\s+survival"),
    ("birth weight", r"birth\s*-?\s*weight(?!\s+(?:z|absolute|percentile|centile|for)\b)"),  # 15
    ("weight loss", r"\bweight\s+loss\b"),  # round 9: "weight loss =5 kilos" (a lost sign)
    ("body weight", r"body\s+weight|\bweight\b(?!\s+loss)"),  # "weight loss >5kg": unnamed
    ("systolic blood pressure", r"systolic\s+(?:(?:blood|arterial)\s+pressure|BP)(?:\s*\([SB]P\))?"
                                r"|\bSBP\b|\bSAP\b"),
    ("diastolic blood pressure", r"diastolic\s+(?:(?:blood|arterial)\s+pressure|BP)"
                                 r"(?:\s*\([DB]P\))?|\bDBP\b|\bDAP\b"),
    ("SpO2", r"\bSp[Oo0]2\b|\bSpO₂"),  # round 12: named as written
    ("oxygen saturation", r"(?:oxygen|O2)\s+saturation|\bSaO2\b|\bO2\s*-?Sat\b"
                          r"|(?<!transferrin\s)\bsaturation(?=\s*(?:[<>≤≥=]|below|under|less\s|lower\s))"),
    ("PaO2/FiO2", r"(?:Pa|P|PA)[O0]2\s*\)?\s*(?:/|:|to)\s*(?:[A-Za-z][^()/;,.<>=≤≥\d]{0,60}\(\s*)?"
                  r"Fi[O0]2\s*\)?(?:\s*\)?\s*ratio)?|\bP/F(?:\s+ratio)?\b"
                  r"|oxygenation\s+index(?:\s*\((?:P/F|PaO2\s*/\s*FiO2)\))?"),
    ("FiO2", r"(?<!/)(?<!/\s)\bFi\s*O2\b(?!\s*\)?\s*(?:/|ratio))"),  # not in "SpO2/FiO2"
    ("PaO2", r"\bPaO2\b|arterial\s+(?:partial\s+pressure\s+of\s+)?oxygen(?:\s+(?:tension"
             r"|pressure))?"),
    ("DLCO", r"\bDL[_ ]?CO\b|diffusing\s+capacity(?:\s+(?:of"
             r"|for)\s+(?:the\s+lung\s+for\s+)?carbon\s+monoxide)?"),
    ("FVC", r"\bFVC\b|forced\s+vital\s+capacity"),
    ("TLC", r"total\s+lung\s+capacity(?:\s*\(TLC\))?|\bTLC\b"),
    ("NT-proBNP", r"NT-?pro-?BNP|N-terminal\s+pro-?B-type\s+natriuretic\s+peptide"),
    ("BNP", r"\bBNP\b|(?:brain|B-type)\s+natriuretic\s+peptide"),
    ("troponin", r"troponin(?:[- ]?[TI])?"),
    ("INR", r"\bINR\b|international\s+normali[sz]ed\s+(?:ratio|index)"),
    ("aPTT", r"\ba?PTT\b|(?:activated\s+)?partial\s+thromboplastin\s+time"),
    ("PT", r"prothrombin\s+time|\bPT\b"),
    ("glucose", r"(?:fasting\s+)?(?:blood\s+|plasma\s+)?glucose|hypoglyc(?:a)?emia"
                r"|hyperglyc(?:a)?emia"),
    ("LDL", r"\bLDL(?:[- ]?C\b|[- ]cholesterol)?|low[- ]density\s+lipoprotein(?:\s+cholesterol)?"),
    ("triglycerides", r"triglycerides?|hypertriglycerid(?:a)?emia"),
    ("cholesterol", r"(?:total\s+|serum\s+)?cholesterol|hypercholesterol(?:a)?emia"),
    ("albuminuria", r"\b(?:micro)?albuminuria\b"),  # round 9: "albuminuria (=30 mg/g …)"
    ("albumin", r"(?:serum\s+)?albumin"),
    ("CD4", r"\bCD4\+?(?:\s+T[- ]?(?:cells?|lymphocytes?))?(?:\s+cell)?(?:\s+counts?)?"),
    ("FEV1", r"\bFEV\s*_?1\b|\bFEV\)\s*_?1\b"
             r"|forced\s+expiratory\s+volume(?:\s+in\s+(?:1|one)\s+second)?"),
    ("temperature", r"(?:body\s+)?temperature|\bfever\b"),
    ("Fitzpatrick skin type", r"Fitzpatrick(?:\s+skin)?(?:\s+(?:photo)?types?|\s+scale"
                              r"|\s+classification)?"),
    ("respiratory rate", r"respiratory\s+(?:rate|frequency)(?:\s*\(RR\))?|breathing\s+rate"
                         r"|\b(?-i:RR)\b"),
    ("heart rate", r"heart\s+rate|pulse(?:\s+rate)?|resting\s+HR\b|ventricular\s+rate"
                   r"|\b(?-i:HR)\b(?=\s*[<>≤≥])"),  # "HR < 60", not "HR-positive"
    ("blood pressure", r"blood\s+pressure|\bBP\b"),
    ("height", r"\bheight\b|\bstature\b"),
    ("NYHA", r"New\s+York\s+Heart\s+Association(?:\s*\(NYHA\))?"
             r"(?:\s+(?:functional\s+)?(?:class(?:ification)?|level|grade|stage))?"
             r"|\bN(?:YH|HY)A\b(?:\s+(?:functional\s+)?(?:class|level|grade|stage))?"),
    ("Child-Pugh", r"Child[- ]Pugh(?:[- ]Turcotte)?(?:\s+(?:score|class))?"),
    # round 14: ASA physical status (a class, "(ASA): I-III"), METs, insulin needs per kg
    ("ASA", r"American\s+Society\s+of\s+Anesthesiologists?(?:\s*\(ASA\))?(?:\s+physical\s+status)?"
            r"(?:\s+(?:classification|class|grade|score))?"
            r"|\b(?-i:ASA)\b(?:\s+physical\s+status)?(?:\s+(?:classification|class|grade|score))?"),
    ("METs", r"metabolic\s+equivalents?(?:\s+of\s+task)?(?:\s*\((?-i:METs?)\))?|\b(?-i:METs)\b"),
    ("insulin dose", r"insulin\s+(?:requirements?|doses?|dosages?|needs?)"),
    ("Apgar", r"\bApgar\b(?:\s+scores?)?"),
    ("GCS", r"Glasgow\s+Coma\s+(?:Scale|Score)(?:\s*\(GCS\))?(?:\s+score)?|\bGCS\b(?:\s+score)?"),
    ("PSA", r"prostate[- ]specific\s+antigen(?:\s*\(PSA\))?|\bPSA\b"),
    ("testosterone", r"(?:serum\s+)?(?:total\s+)?testosterone"),
    ("qSOFA", r"\bqSOFA\b(?:\s+score)?"),
    ("SOFA", r"\bSOFA\b(?:\s+score)?"),
    ("NEWS", r"\bNEWS-?2?\b(?:\s+score)?"),
    ("MMSE", r"\bMMSE\b(?:\s+score)?|mini[- ]mental\s+state(?:\s+exam(?:ination)?)?"),
    ("HAMD", r"Hamilton\s+(?:depression|depressive)\s+(?:rating\s+)?scale(?:\s*\(HAM-?D\s*-?\d*\))?"
             r"|\bHAM-?D(?:\s*-?\d+)?\b|\bHDRS(?:\s*-?\d+)?\b"),
    ("HAMA", r"Hamilton\s+anxiety\s+(?:rating\s+)?scale(?:\s*\(HAM-?A\s*-?\d*\))?"
             r"|\bHAM-?A(?:\s*-?\d+)?\b"),
    # round 14: grade groups of prostate cancer ("(ISUP) grade group 3-5"), before "Gleason grade"
    ("ISUP grade group", r"\bISUP\)?\s+grade\s+groups?"),
    ("Gleason grade group", r"Gleason\s+grade\s+groups?"),
    ("Gleason score", r"Gleason(?:\s+(?:score|sum|grade))?"),
    ("LV wall thickness", r"(?:(?:left\s+ventricular|LV)\s+)?(?:posterior\s+)?wall\s+thickness"
                          r"|septal\s+thickness"),
    ("valve area", r"(?:(?:aortic|mitral)\s+)?valve\s+area"),
    ("6MWD", r"(?:6|six)[- ]?minute[- ]walk(?:ing)?\s+(?:distance|tests?)(?:\s*\(6MW[DT]s?\))?"
             r"|\b6MW[DT]s?\b"),
    ("CRP", r"C-reactive\s+protein|\bCRP\b"),
    ("D-dimer", r"D-?dimer"),
    ("ferritin", r"ferritin"),
    ("viral load", r"viral\s+load|HIV[- ]?1?\s+RNA"),
    ("CDR", r"Clinical\s+Dementia\s+Rating|\bCDR\b"),
    ("dFLC", r"\bdFLC\b"),
    ("ALP", r"alkaline\s+phosphatase|\bALP\b"),
    ("GGT", r"gamma[- ]?glutamyl\s*transferase|\b(?:γ|gamma-?)?GGT\b|γ-?GT\b|\bGGTP\b"),
    ("carotid IMT", r"(?:carotid\s+)?(?:intima[- ]media\s+thickness|\bIMT\b)"),
    ("potassium", r"(?:serum\s+)?potassium|hypokal(?:a)?emia|hyperkal(?:a)?emia"),
    ("sodium", r"(?:serum\s+)?sodium|hyponatr(?:a)?emia|hypernatr(?:a)?emia"),
    ("magnesium", r"(?:serum\s+)?magnesium|hypomagnes(?:a)?emia|hypermagnes(?:a)?emia"),
    ("calcium", r"(?:serum\s+|corrected\s+|ionized\s+)?calcium|hypocalc(?:a)?emia"
                r"|hypercalc(?:a)?emia"),
    ("oxygen flow", r"(?:supplemental\s+|nasal\s+)?(?:oxygen|\bO2\b)(?:\s+(?:flow(?:\s+rate)?|"
                    r"supplementation|therapy|demand|supply|requirement|need))?|\bHFNC\b"),
    ("uric acid", r"(?:serum\s+)?uric\s+acid|\burate\b|hypouric(?:a)?emia|hyperuric(?:a)?emia"),
)  # fmt: skip
# Every quantity name starts a word: the engine tries the ~80 alternatives only at word
# starts (one look-behind test elsewhere), which is most of the extractor's speed.
_PATTERN = re.compile(
    "(?<![^\\W_])(?:"
    + "|".join(f"(?P<q{i}>{pattern})" for i, (_, pattern) in enumerate(_QUANTITIES))
    + ")",
    re.IGNORECASE,
)
_NAMES = {f"q{i}": name for i, (name, _) in enumerate(_QUANTITIES)}
_UPPER_ONLY = frozenset({
    "AST", "ALT", "GPT", "ANC", "PT", "PTT", "BP", "GCS", "PSA", "TLC", "FVC", "BNP", "MAP", "BSA",
    "ABI", "BUN", "PCT", "LDH", "NIS", "CVP", "ACR", "UPC", "AHI", "SAP", "DAP", "PAWP", "PCWP",
    "ICP", "CPP", "PND", "ISI", "QRS",
})  # fmt: skip
_DISORDER = re.compile(
    r"(?:hypo|hyper)\w+|\w+p(?:a)?enia|an(?:a)?emia|proteinuria|diarrh(?:o)?ea|(?:\w+\s+)?stenosis"
    r"|(?:methyl-?)?prednis\w+|dexamethasone|hydrocortisone|(?:gluco-?)?cortico(?:steroid|id)s?"
    r"|nor-?epinephrine|noradrenaline|dopamine|dobutamine|radiation(?:\s+therapy)?|radiotherapy|irradiation"
    r"|steroids?|insulin(?:\s+(?:requirements?|doses?|dosages?|needs?))?",
    re.IGNORECASE,
)
_CASED = re.compile(r"\b(?:AST|ALT|GPT|ANC|PLT|WBC|Hb|Hgb|INR|CRP|CDR|KPS|EF|SBP|DBP)\b")


def _first(items: list[tuple[Any, Any]]) -> tuple[frozenset[str] | None, bool]:
    """(lower-cased characters a parsed pattern can start with, or None: any; nullable)."""
    from re import _constants as _c  # type: ignore[attr-defined]

    out: set[str] = set()
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width
        if op is _c.LITERAL:
            out.add(chr(av).lower())
            return frozenset(out), False
        if op is _c.IN:
            for kind, value in av:
                if kind is _c.LITERAL:
                    out.add(chr(value).lower())
                elif kind is _c.RANGE and value[1] - value[0] < 64:
                    out.update(chr(v).lower() for v in range(value[0], value[1] + 1))
                else:
                    return None, False
            return frozenset(out), False
        if op is _c.BRANCH:
            parts = [_first(list(branch)) for branch in av[1]]
            nullable = any(n for _, n in parts)
        elif op is _c.SUBPATTERN:
            parts = [_first(list(av[-1]))]
            nullable = parts[0][1]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            parts = [_first(list(av[2]))]
            nullable = av[0] == 0 or parts[0][1]
        else:
            return None, False
        for first, _ in parts:
            if first is None:
                return None, False
            out.update(first)
        if not nullable:
            return frozenset(out), False
    return frozenset(out), True


def _dispatch() -> dict[str, re.Pattern[str]]:
    """Per first character, the alternation of the quantities that can start with it (in
    their order, with their group names): the same matches as _PATTERN, fewer tries.
    Empty (the full scan) where the standard library's regex parser is not at hand."""
    try:
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - CPython 3.11-3.13 have it
        return {}
    firsts = []
    for _, pattern in _QUANTITIES:
        first, nullable = _first(list(_parser.parse(pattern, re.IGNORECASE)))
        firsts.append(None if nullable else first)
    chars = {c for f in firsts if f is not None for c in f}
    table: dict[str, re.Pattern[str]] = {}
    if any(f is None for f in firsts):  # a quantity that may start anywhere: the full scan
        return {}
    for char in chars:
        alternatives = [
            f"(?P<q{i}>{pattern})"
            for i, (_, pattern) in enumerate(_QUANTITIES)
            if firsts[i] is None or char in firsts[i]  # type: ignore[operator]
        ]
        table[char] = re.compile(f"(?<![^\\W_])(?:{'|'.join(alternatives)})", re.IGNORECASE)
    return table


_BY_FIRST = _dispatch()
_STARTS = re.compile(r"(?<![^\W_])[^\s]")
# the starts worth a try: an ASCII character that starts a quantity (either case), or any
# other non-space character (_PATTERN is tried there); the others were skipped one by one
_KEYED = "".join(sorted({c for k in _BY_FIRST if k.isascii() for c in (k, k.upper())}))
_STARTS_KEYED = re.compile(rf"(?<![^\W_])(?:[{re.escape(_KEYED)}]|[^\x00-\x7f\s])")


def _matches(text: str) -> Iterator[re.Match[str]]:
    """_PATTERN.finditer(text), tried only where a quantity can start."""
    pos = 0
    starts = _STARTS_KEYED if _BY_FIRST else _STARTS
    while True:
        start = starts.search(text, pos)
        if start is None:
            return
        p = start.start()
        char = text[p]
        table = _BY_FIRST.get(char.lower()) if char.isascii() and _BY_FIRST else _PATTERN
        m = None if table is None else table.match(text, p)
        if m is None or m.end() == p:
            pos = p + 1
            continue
        yield m
        pos = m.end()


def find_quantities(text: str) -> list[tuple[str, re.Match[str]]]:
    """Quantity mentions in text (short name, match), left to right."""
    out: list[tuple[str, re.Match[str]]] = []
    for m in _matches(text):
        group = m.lastgroup
        if group is None:
            continue
        surface = m.group()
        if surface.isalpha() and len(surface) <= 4 and surface.upper() == surface.upper():
            if surface.lower() == surface and not _CASED.fullmatch(surface.upper()):
                pass
            elif surface.lower() == surface and surface.upper() in _UPPER_ONLY:
                continue  # "ast", "alt", "pt", "bp" in lower case are words, not the measures
        out.append((_NAMES[group], m))
    return out


def disorder_length(quantity_text: str) -> int:
    """Length of a disorder (or drug) word that names a quantity at the start of a threshold.

    "hypokalaemia (< 2.5 mmol/L)" is a threshold on potassium and still a condition
    mention, "prednisone > 10 mg/day" a dose threshold and still a treatment mention;
    the caller leaves those characters free for the mention extractor.

    >>> disorder_length("hypokalaemia (< 2.5 mmol/L)"), disorder_length("ALT > 3 x ULN")
    (12, 0)
    """
    m = _DISORDER.match(quantity_text)
    return m.end() if m is not None else 0
