#!/usr/bin/env python3
"""Regenerates the broken-case corpus from the example cases.

Each entry takes an example case, applies text edits, and states the diagnostic the
result must produce: rule id, key path, and the line, found by searching the edited text
for an anchor (so the expected line comes from the text, not from samplan). Writes
NAME.yaml and NAME.expect ("RULE LINE PATH") beside this script.
"""
import pathlib

HERE = pathlib.Path(__file__).parent
CASES = HERE.parent.parent / "cases"

def case(name):
    return (CASES / name).read_text(encoding="utf-8")

P, V, Y, L, N, J, B, S = ("peter-kalmar.yaml", "viola-kalmar.yaml", "ylva-kalmar.yaml", "lena-vgr.yaml",
                          "noah-stockholm-lan.yaml", "jonas-stockholm-stad.yaml", "birgitta-halland.yaml",
                          "samir-nationell.yaml")
A = "aron-vgr-kallad.yaml"
INFO = "information/info-kalmar.yaml"

# (file name, base, [(old, new, count)], rule, path, anchor)
E = [
    ("syntax-kolon", P, [("  intressen: Fiske, musik.", "  intressen: Fiske: musik: sång", 1)], "YAML-SYNTAX", "", "  intressen: Fiske: musik"),
    ("syntax-indrag", P, [("  adress: Storgatan 1, 392 31 Kalmar", "   adress: Storgatan 1, 392 31 Kalmar", 1)], "YAML-INDRAG", "", "   adress: Storgatan 1"),
    ("syntax-citattecken", P, [('    tid: "13:00"', '    tid: "13:00', 1)], "YAML-SYNTAX", "", '    sluttid: "14:30"'),  # the open quote runs on to the next line
    ("syntax-tabb", P, [("  telefon: 070-000 00 00", "\ttelefon: 070-000 00 00", 1)], "YAML-SYNTAX", "", "\ttelefon"),
    ("typ-version-text", P, [("version: 2\n", "version: två\n", 1)], "YAML-TYP", "version", "version: två"),
    ("typ-gäller-inte-lista", P, [("  gäller: [vc-kalmar, soc-kalmar, rehab]", "  gäller: vc-kalmar", 1)], "YAML-TYP", "samtycke.gäller", "  gäller: vc-kalmar"),
    ("typ-beslutad-inte-bool", P, [("          beslutad: true\n          start: 2026-03-25", "          beslutad: kanske\n          start: 2026-03-25", 1)], "YAML-TYP", "plan.mål[0].insatser[0].beslutad", "beslutad: kanske"),
    ("typ-negativ-version", P, [("version: 2\n", "version: -1\n", 1)], "YAML-VARDE", "version", "version: -1"),
    ("typ-person-lista", P, [("person:\n  namn: Peter Exempel", "person: [Peter Exempel]\npersonen:\n  namn: Peter Exempel", 1)], "YAML-TYP", "person", "\nperson: ["),
    ("okänd-nyckel-mal", P, [("  mål:\n", "  mal:\n", 1)], "YAML-OKAND-NYCKEL", "plan.mal", "  mal:"),
    ("okänd-nyckel-samordare", P, [("samordnare: lisa", "samordare: lisa", 1)], "YAML-OKAND-NYCKEL", "samordare", "samordare: lisa"),
    ("okänd-nyckel-i-insats", P, [("          utförare: rehab", "          utförare: rehab\n          kostnad: 0", 1)], "YAML-OKAND-NYCKEL", "plan.mål[1].insatser[0].kostnad", "kostnad: 0"),
    ("okänt-värde-status", P, [("status: pågående", "status: pagaende", 1)], "YAML-VARDE", "status", "status: pagaende"),
    ("okänt-värde-huvudman", P, [("    huvudman: region\n    verksamhet: hälso- och sjukvård\n    adress: Box 1", "    huvudman: landsting\n    verksamhet: hälso- och sjukvård\n    adress: Box 1", 1)], "YAML-VARDE", "organisationer[0].huvudman", "huvudman: landsting"),
    ("okänt-värde-måluppfyllelse", P, [("måluppfyllelse: delvis uppfyllt", "måluppfyllelse: halvvägs", 1)], "YAML-VARDE", "plan.mål[0].måluppfyllelse", "måluppfyllelse: halvvägs"),
    ("saknad-nyckel-namn", P, [("  namn: Peter Exempel\n", "", 1)], "YAML-SAKNAS", "person.namn", "\nperson:\n"),
    ("dubblett-version", P, [("version: 2\n", "version: 2\nversion: 3\n", 1)], "YAML-DUBBLETT", "version", "version: 3"),
    ("okänd-filtyp", P, [("typ: plan", "typ: planer", 1)], "YAML-VARDE", "typ", "typ: planer"),
    ("alias-bomb", P, [("övrigt: Peter vill att möten hålls hemma hos honom.", "övrigt: *i", 1),
                       ("typ: plan\n", "typ: plan\n" + "".join(
                           f"x{i}: &{chr(97+i)} [" + ",".join([f"*{chr(96+i)}"] * 9 if i else ['"lol"'] * 9) + "]\n" for i in range(9)), 1)],
     "YAML-ALIAS", "", "x5: &f"),  # refused at the alias that passes the expansion budget, before any tree is built
    ("rutin-okänd", P, [("rutin: kalmar-2012", "rutin: kalmar-2013", 1)], "SIP-RUTIN-FINNS", "rutin", "rutin: kalmar-2013"),
    ("ärende-tecken", P, [("ärende: KLM-2026-0042", "ärende: KLM 2026/42", 1)], "SIP-ARENDE-ID", "ärende", "ärende: KLM"),
    ("ärende-personnummer", P, [("ärende: KLM-2026-0042", "ärende: 19710315-0004", 1)], "SIP-ARENDE-ID", "ärende", "ärende: 1971"),
    ("id-dubblett", P, [("  - id: omar\n", "  - id: anna\n", 1), ("ansvarig: omar", "ansvarig: anna", 1), ("[lisa, anna, omar, gm-karin]", "[lisa, anna, gm-karin]", 1), ("[lisa, anna, omar, gm-karin, syster]", "[lisa, anna, gm-karin, syster]", 1)], "SIP-ID-UNIKA", "deltagare[2].id", "  - id: anna\n    namn: Omar"),
    ("id-saknas-samordnare", P, [("samordnare: lisa", "samordnare: lis", 1)], "SIP-ID-FINNS", "samordnare", "samordnare: lis"),
    ("id-saknas-kallad", P, [("kallade: [lisa, anna, omar, gm-karin]", "kallade: [lisa, anna, omar, gm-kerstin]", 1)], "SIP-ID-FINNS", "möten[0].kallade[3]", "gm-kerstin"),
    ("id-saknas-utförare", P, [("          utförare: rehab", "          utförare: rehabb", 1)], "SIP-ID-FINNS", "plan.mål[1].insatser[0].utförare", "utförare: rehabb"),
    ("datum-30-februari", P, [("  datum: 2026-03-02\n  form: skriftligt", "  datum: 2026-02-30\n  form: skriftligt", 1)], "SIP-DATUM-GILTIGT", "samtycke.datum", "datum: 2026-02-30"),
    ("datum-månad-13", P, [("klart: 2026-05-31", "klart: 2026-13-01", 1)], "SIP-DATUM-GILTIGT", "plan.mål[0].insatser[0].klart", "klart: 2026-13-01"),
    ("datum-nollor", P, [("uppföljning: 2026-06-15\n      måluppfyllelse: uppfyllt", "uppföljning: 0000-00-00\n      måluppfyllelse: uppfyllt", 1)], "SIP-DATUM-GILTIGT", "plan.mål[1].uppföljning", "0000-00-00"),
    ("tid-med-punkt", P, [('    tid: "13:00"', '    tid: 13.00', 1)], "SIP-TID-GILTIG", "möten[0].tid", "tid: 13.00"),
    ("tom-text-namn", P, [("    namn: Anna Ek\n", '    namn: ""\n', 1)], "SIP-TOM-TEXT", "deltagare[1].namn", 'namn: ""'),
    ("samtycke-okänd-närstående", P, [("  gäller: [vc-kalmar", "  närstående: [bror]\n  gäller: [vc-kalmar", 1)], "SIP-ID-FINNS", "samtycke.närstående[0]", "närstående: [bror]"),
    ("halland-insats-utan-start", B, [("          beslutad: true\n          start: 2026-02-09\n", "          beslutad: true\n", 1)], "RUTIN-OBLIGATORISKT", "plan.mål[0].insatser[0].start", "        - vad: KOL-skola"),
    ("sthlm-lan-utan-kallas-av", N, [("    kallas_av: elin\n", "", 1)], "RUTIN-OBLIGATORISKT", "plan.uppföljning.kallas_av", "\n  uppföljning:\n"),
    ("sthlm-stad-justerad-före-mötet", J, [("    justerad: 2026-03-04", "    justerad: 2026-02-20", 1)], "STHLM-STAD-JUSTERAD-FORE", "möten[0].justerad", "justerad: 2026-02-20"),
    ("avslut-före-möte", P, [("status: pågående", "status: avslutad", 1), ("\nplan:\n", "\navslut:\n  datum: 2026-03-01\n  orsak: annat\n\nplan:\n", 1)], "SIP-AVSLUT-DATUM", "avslut.datum", "  datum: 2026-03-01\n  orsak"),
    ("id-personnummer", P, [("  - id: omar\n", '  - id: "19710315-0004"\n', 1), ("ansvarig: omar", 'ansvarig: "19710315-0004"', 1), ("[lisa, anna, omar, gm-karin]", '[lisa, anna, "19710315-0004", gm-karin]', 1), ("[lisa, anna, omar, gm-karin, syster]", '[lisa, anna, "19710315-0004", gm-karin, syster]', 1)], "SIP-ID-FORM", "deltagare[2].id", '  - id: "19710315-0004"'),
    ("id-sökväg", P, [("  - id: omar\n", '  - id: "../x"\n', 1), ("ansvarig: omar", 'ansvarig: "../x"', 1), ("[lisa, anna, omar, gm-karin]", '[lisa, anna, "../x", gm-karin]', 1), ("[lisa, anna, omar, gm-karin, syster]", '[lisa, anna, "../x", gm-karin, syster]', 1)], "SIP-ID-FORM", "deltagare[2].id", '  - id: "../x"'),
    ("tid-25", P, [('    tid: "13:00"', '    tid: "25:00"', 1)], "SIP-TID-GILTIG", "möten[0].tid", '"25:00"'),
    ("sluttid-före-start", P, [('    sluttid: "14:30"', '    sluttid: "12:00"', 1)], "SIP-MOTE-SLUTTID", "möten[0].sluttid", '"12:00"'),
    ("möten-fel-ordning", P, [("    datum: 2026-06-15\n    tid: \"10:00\"", "    datum: 2026-03-10\n    tid: \"10:00\"", 1)], "SIP-MOTEN-ORDNING", "möten[1].datum", "datum: 2026-03-10"),
    ("personnummer-kontrollsiffra", P, [('"19710315-0004"', '"19710315-0005"', 1)], "SIP-PERSONNUMMER", "person.personnummer", "personnummer:"),
    ("personnummer-datum", P, [('"19710315-0004"', '"19710230-0004"', 1)], "SIP-PERSONNUMMER", "person.personnummer", "personnummer:"),
    ("födelsedatum-fel", P, [('  personnummer: "19710315-0004"\n', '  personnummer: "19710315-0004"\n  födelsedatum: 1971-03-16\n', 1)], "SIP-FODELSEDATUM", "person.födelsedatum", "födelsedatum: 1971-03-16"),
    ("samtycke-efter-möte", P, [("  datum: 2026-03-02\n  form: skriftligt", "  datum: 2026-03-25\n  form: skriftligt", 1)], "SIP-SAMTYCKE-FORE-MOTE", "samtycke.datum", "datum: 2026-03-25"),
    ("bara-region", P, [("    huvudman: kommun", "    huvudman: region", 1)], "SIP-KOMMUN-OCH-REGION", "organisationer", "organisationer:"),
    ("samordnare-annan-huvudman", P, [("    namn: Rehabenheten Kalmar\n    huvudman: region", "    namn: Rehabenheten Kalmar\n    huvudman: annan", 1), ("samordnare: lisa", "samordnare: omar", 1)], "SIP-SAMORDNARE-HUVUDMAN", "samordnare", "samordnare: omar"),
    ("samordnare-utan-kontakt", P, [("    telefon: 0480-11 11 11\n    e-post: lisa.lind@example.se\n", "", 1)], "SIP-SAMORDNARE-KONTAKT", "deltagare[0]", "  - id: lisa"),
    ("övergripande-ansvar-annan", P, [("    namn: Rehabenheten Kalmar\n    huvudman: region", "    namn: Rehabenheten Kalmar\n    huvudman: annan", 1), ("övergripande_ansvar: vc-kalmar", "övergripande_ansvar: rehab", 1)], "SIP-OVERGRIPANDE-ANSVAR", "övergripande_ansvar", "övergripande_ansvar: rehab"),
    ("tidsplan-utvärdering-före-start", P, [("    utvärdering: 2026-09-15", "    utvärdering: 2026-03-01", 1)], "SIP-TIDSPLAN", "plan.tidsplan.utvärdering", "utvärdering: 2026-03-01"),
    ("uppföljning-efter-slut", P, [("    datum: 2026-09-15\n    kallas_av: lisa", "    datum: 2027-02-01\n    kallas_av: lisa", 1)], "SIP-UPPFOLJNING", "plan.uppföljning.datum", "datum: 2027-02-01"),
    ("insats-klar-före-start", P, [("klart: 2026-05-31", "klart: 2026-03-01", 1)], "SIP-INSATS-DATUM", "plan.mål[0].insatser[0].klart", "klart: 2026-03-01"),
    ("avslutad-utan-avslut", P, [("status: pågående", "status: avslutad", 1)], "SIP-AVSLUT", "avslut", "status: avslutad"),
    ("revisioner-saknas", P, [("version: 2\n", "version: 3\n", 1)], "SIP-REVISIONER", "revisioner", "revisioner:"),
    ("obligatoriskt-samordnare", P, [("samordnare: lisa\n", "", 1)], "RUTIN-OBLIGATORISKT", "samordnare", "typ: plan"),  # a missing top-level key is shown at the first key
    ("obligatoriskt-samtycke-dokumenterat", P, [("  dokumenterat_av: lisa\n", "", 1)], "RUTIN-OBLIGATORISKT", "samtycke.dokumenterat_av", "\nsamtycke:\n"),
    ("obligatoriskt-tidsplan-slut", V, [("    slut: 2027-04-30\n", "", 1)], "RUTIN-OBLIGATORISKT", "plan.tidsplan.slut", "  tidsplan:"),
    ("barnets-inställning-saknas", N, [("  barnets_inställning: >\n    Noah vill vara med på mötet i början och säga vad han tycker. Han vill inte byta\n    skola, men vill ha en lugnare plats att vara på under rasterna.\n", "", 1)], "SIP-BARNETS-INSTALLNING", "plan.barnets_inställning", "\nplan:\n"),
    ("sekreterare-saknas", B, [("    kallelsedatum: 2026-01-20\n    sekreterare: amina\n", "    kallelsedatum: 2026-01-20\n", 1)], "SIP-MOTE-SEKRETERARE", "möten[0].sekreterare", "  - typ: samordningsmöte"),
    ("vgr-samordnare-utan-epost", L, [("    e-post: karin.lundqvist@example.se\n", "", 1)], "VGR-SAMORDNARE-KONTAKT", "deltagare[0]", "  - id: karin"),
    ("vgr-insats-utan-beslutad", L, [("          beslutad: false\n", "", 1)], "RUTIN-OBLIGATORISKT", "plan.mål[1].insatser[1].beslutad", "        - vad: Orienteringsträning"),
    ("sthlm-stad-muntligt", J, [("  form: skriftligt", "  form: muntligt", 1)], "STHLM-STAD-SAMTYCKE-SKRIFTLIGT", "samtycke.form", "form: muntligt"),
    ("sthlm-stad-samtycke-ofullständigt", J, [("gäller: [sodermalm-lss, hab-vuxen, vc-sodermalm, daglig-verksamhet]", "gäller: [sodermalm-lss, hab-vuxen, vc-sodermalm]", 1)], "STHLM-STAD-SAMTYCKE-ALLA", "samtycke.gäller", "  gäller: [sodermalm-lss"),
    ("sthlm-stad-justerare-samma-huvudman", J, [("justerare: [maria, ali]", "justerare: [maria, fredrik]", 1)], "STHLM-STAD-JUSTERARE", "möten[0].justerare", "justerare: [maria, fredrik]"),
    ("halland-möte-efter-30-dagar", B, [("  datum: 2026-01-12\n  form: skriftligt", "  datum: 2025-12-01\n  form: skriftligt", 1)], "HALLAND-MOTE-30-DAGAR", "möten[0].datum", "    datum: 2026-02-02"),
    ("kallad-närstående-vill-inte", V, [("kallade: [maja, bengt, leila, tove, arne]", "kallade: [maja, bengt, leila, tove, arne, svea]", 1)], "SIP-KALLADE-NARSTAENDE", "möten[0].kallade[5]", "kallade: [maja, bengt"),
    ("kallad-version-1", A, [("version: 0\n", "version: 1\n", 1)], "SIP-STATUS-KALLAD", "version", "version: 1"),
    ("länk-utan-https", A, [("länk: https://", "länk: http://", 1)], "SIP-LANK", "möten[0].länk", "länk: http://"),
    ("halland-ansvar-annan-huvudman", B, [("övergripande_ansvar: vc-varberg", "övergripande_ansvar: varberg-soc", 1)], "HALLAND-OVERGRIPANDE-ANSVAR", "övergripande_ansvar", "övergripande_ansvar: varberg-soc"),
    ("avvikelse-utan-typ", B, [("    typ: uteblev\n", "", 1)], "SIP-AVVIKELSE", "avvikelser[0].typ", "  - datum: 2026-02-02\n    gäller"),
    ("avvikelse-okänd-organisation", B, [("    gäller: beroende-halland\n", "    gäller: beroendevården\n", 1)], "SIP-ID-FINNS", "avvikelser[0].gäller", "    gäller: beroendevården"),
    ("halland-måluppfyllelse-saknas", B, [("      måluppfyllelse: uppfyllt\n", "", 1)], "HALLAND-MALUPPFYLLELSE", "plan.mål[0].måluppfyllelse", "    - id: andning"),
    ("platshållare-kvar", P, [("    plats: Hemma hos Peter, Storgatan 1, Kalmar", '    plats: "<FYLL I: plats, t.ex. Hemma hos Peter>"', 1)], "SIP-PLATSHALLARE", "möten[0].plats", "<FYLL I"),
    ("info-utan-kontakt", INFO, [("kontakt:\n  telefon: 0480-00 00 00\n  e-post: sip@kalmar.example.se\n  webb: https://kalmar.example.se/sip\n", "kontakt: {}\n", 1)], "INFO-KONTAKT", "kontakt", "kontakt: {}"),
    ("info-datum-fel", INFO, [("datum: 2026-11-01", "datum: 2026-02-31", 1)], "INFO-DATUM", "datum", "datum: 2026-02-31"),
    ("info-id-mellanslag", INFO, [("id: info-kalmar", "id: info kalmar", 1)], "INFO-ID", "id", "id: info kalmar"),
]

def line_of(text, anchor):
    i = text.index(anchor) + (1 if anchor.startswith("\n") else 0)
    return text.count("\n", 0, i) + 1

def main():
    for old in HERE.glob("*.expect"):
        old.unlink()
    for old in HERE.glob("*.yaml"):
        old.unlink()
    for name, base, edits, rule, path, anchor in E:
        text = case(base)
        for old, new, count in edits:
            assert text.count(old) >= count, (name, old)
            text = text.replace(old, new, count)
        line = line_of(text, anchor) if anchor else 0
        (HERE / f"{name}.yaml").write_text(text, encoding="utf-8")
        (HERE / f"{name}.expect").write_text(f"{rule} {line} {path}\n", encoding="utf-8")
    # Files that are broken as files, not as YAML.
    (HERE / "fil-tom.yaml").write_text("# bara en kommentar\n\n", encoding="utf-8")
    (HERE / "fil-tom.expect").write_text("FIL-TOM 1 \n", encoding="utf-8")
    (HERE / "fil-binär.yaml").write_bytes(b"typ: plan\n\x00\x01\x02\xff\xfe")
    (HERE / "fil-binär.expect").write_text("FIL-BINAR 1 \n", encoding="utf-8")
    latin1 = case(P).replace("Storgatan 1, 392 31 Kalmar", "Storgatan 1, 392 31 Kalmar \u00e5").encode("latin-1", errors="replace")
    (HERE / "fil-latin1.yaml").write_bytes(latin1)
    first_bad = latin1.index(bytes([0xe5]))
    bad_line = latin1[:first_bad].count(b"\n") + 1
    (HERE / "fil-latin1.expect").write_text(f"FIL-KODNING {bad_line} \n", encoding="utf-8")

if __name__ == "__main__":
    main()
