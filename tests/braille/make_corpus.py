#!/usr/bin/env python3
"""Builds the braille test corpus: Swedish lines of our own (plan text, addresses, dates,
numbers, mixed case, e-mail, punctuation), and liblouis's sv-g0 translation of each.

    python3 tests/braille/make_corpus.py          # writes corpus.txt and corpus.sv-g0.txt

corpus.sv-g0.txt is liblouis's output (`lou_translate --forward unicode.dis,sv-g0.utb`),
stored so `cargo test` needs no liblouis; .ci/run translates the corpus again and fails
on any difference. lou_translate reads backslash escapes, so no line has a backslash.
"""
import pathlib
import random
import re
import subprocess

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parent.parent

HAND = """\
Samordnad individuell plan för Peter Exempel
Kallelse till samordningsmöte fredag 20 mars 2026 kl. 13.00–14.30
Du är inbjuden till ett möte om din plan.
Mötet hålls hemma hos Peter, Storgatan 1, Kalmar.
Ring Lisa Lind på 0480-11 11 11 om du har frågor.
Skicka e-post till lisa.lind@example.se.
Läs mer på https://example.se/sip.
Vi ses på Vårdcentralen Kalmar, rum 3.
Ärende KLM-2026-0042, version 2.
Sida 2 av 4
Version 1 upprättades 2026-03-20.
Planen gäller från 20 mars till 31 december 2026.
Uppföljning sker 15 juni 2026 kl. 10.00.
Mål 1: Peter har en egen bostad.
Mål 2: Peter kan gå kortare sträckor med rollator.
Insats: Gångträning två gånger i veckan.
Utförs av: Rehabenheten Kalmar.
Ansvarig: Omar Said, fysioterapeut.
Beslutad insats, start 2026-03-25, klar senast 2026-05-31.
Måluppfyllelse: delvis uppfyllt.
Förutom målen talade vi om att mötena ska hållas hemma.
Samtycket gäller Vårdcentralen Kalmar, Kalmar kommun och Rehabenheten Kalmar.
SIP betyder samordnad individuell plan.
En SIP görs när du behöver stöd från både kommunen och regionen.
LSS, HSL och SoL är lagar.
Socialtjänstlagen (SoL) 2 kap. 7 §
Hälso- och sjukvårdslagen 16 kap. 4 §
BUP, LSS-handläggare och IFO deltar.
Försäkringskassan och Arbetsförmedlingen kan också vara med.
Kontakta oss på 010-000 00 00 eller sip@example.se.
Vardagar kl. 8–16.
Öppet måndag–fredag 08.00–17.00.
Tel. 08-123 456 78, fax 08-123 456 79.
Box 611, 391 26 Kalmar
Storgatan 1, 392 31 Kalmar
Björkvägen 7, 384 31 Blomstermåla
Allégatan 14, 503 32 Borås
Norra vägen 31, 432 45 Varberg
Vintergatan 5 lgh 1102, 702 14 Örebro
Fjällgatan 22, 116 28 Stockholm
Hemtjänst 2 gånger per dag, 7 dagar i veckan.
Kostnad: 350 kr per månad.
Avgiften är 1 250,50 kr.
Höjningen är 12,5 % från 1 juli.
Räntan är 3,25 procent.
Han är 55 år och bor i Kalmar.
Viola är 78 år; maken Arne är 81.
Ylva är 4 år och har sex syskon.
Det är 3:e gången vi ses.
Vi träffas den 1:a varje månad.
Hon kom 2:a i loppet.
Rum 3B på plan 2.
Lägenhet 1102, trappa B.
Buss 7A eller 12B till centrum.
Läkemedel: Waran 2,5 mg, 1 tablett på kvällen.
Insulin 10 E före frukost.
Blodsockret ska vara 4–8 mmol/l.
Syrgas 2 l/min på natten.
Hjälpmedel: rullstol, rollator och duschstol.
Peter vill ha planen i punktskrift.
"Jag vill bo kvar hemma", säger Viola.
Hon sa: "Det här är viktigt för mig."
Han skrev 'tack' på lappen.
Vem ansvarar? Personal eller personen själv?
Vad ska vi göra – och när?
Målet är nått!
Ta med: läkemedelslista, intyg och kallelse.
Frågor; synpunkter; klagomål.
(Gäller inte barn under 18 år.)
[Fylls i av samordnaren]
Se bilaga 1 (sidan 3).
Datum: ____________
Underskrift: ____________
Ort och datum ...
Vänta...
A4-papper och stor stil, 18 pt.
Texten är 16 pt med 1,5 radavstånd.
Version 2.0 av mallen.
iPhone, e-post och SMS fungerar.
Mötet sker via Teams eller telefon.
NN:s plan ska skickas till alla.
ICF, ADL och KBT är förkortningar.
Punkt a–f i dagordningen.
a) Presentation av de närvarande.
b) Nuvarande situation.
c) Så skulle personen vilja ha det.
d) Planerad vård, omsorg och rehabilitering.
e) Förutom målen talade vi om.
f) Uppföljning.
1. Behov, förutsättningar och intressen.
2. Mål för de samordnade insatserna.
3. Planerade och beslutade insatser.
4. Vilka verksamheter och vilken personal.
5. En tidsplan.
6. Samordnarens namn och kontaktuppgifter.
7. Vad som ska följas upp och när.
Åsa, Örjan och Ängelholm.
ÅSA ÖRJAN ÄNGELHOLM
Émile Müller och René Dubois.
Café, idé och armé.
Über och Zürich.
À la carte.
Ett STORT tack till alla!
OBS! Ta med legitimation.
OBS: mötet är flyttat.
VIKTIGT ATT VETA INNAN MÖTET
Ring 112 vid akut fara.
Ring 1177 för sjukvårdsrådgivning.
Kvarngatan 3, 118 47 Stockholm.
Tid: 09.30–11.00
Plats: Habiliteringen Kalmar, rum Lärkan
Kallad av: Sofia Åkesson, psykolog
Tolk på arabiska är bokad.
Sekretess gäller för uppgifterna.
Planen skickas till 4 verksamheter.
Nästa möte: tisdag 1 december 2026 kl. 9.00.
Utvärdering 2027-01-15, slut 2027-03-31.
Summa: 1 000 000 kr.
Ca 30 minuter.
Mellan 10 och 20 personer.
Sidorna 12–14.
År 2009, 2011, 2012 och 2016.
Kl. 7.45 går bussen.
Du får 3 påminnelser per SMS.
ABC-analys och KBT-behandling.
Rehab- och habiliteringsinsatser.
Hälso- och sjukvård, socialtjänst och tandvård.
50 € eller 500 kr.
Pris: $20
Kapitel § 3 och § 4.
Ett © och ett ®.
25 °C ute.
1/2 tablett morgon och kväll.
x + y = z
5 > 3 och 2 < 4
Adressen är anna.ek+sip@example.se.
Webb: www.example.se/sip?id=42&lang=sv
Fråga #3 på listan.
10 * 2 = 20
Bra & billigt.
Tre-fyra dagar.
Fem--sex personer.
Hej, Hej, HEJ!
Han heter McDonald och bor i USA.
Hon använder eBay och PayPal.
Kod: ABC123, XY-77, Z9.
Rum A1, B2 och C3.
Vi ses 2026-06-15 kl. 10:00.
Tiden 10:30 passar bra.
Telefon: +46 480 11 11 11
Mobil: 070-222 33 44
Personnummer anges inte här.
Ingen tolk behövs.
Behov av tolk: nej.
Status: pågående.
Orsak: mål uppfyllda.
Avvikelse rapporterad 2026-02-02.
Samordnaren är Maja Holm, diabetessjuksköterska.
Övergripande ansvar: Hälsocentralen Mönsterås (region).
"""

FIRST = ["Anna", "Erik", "Maria", "Lars", "Fatima", "Johan", "Aisha", "Karl", "Eva", "Omar", "Sara", "Nils",
         "Leila", "Per", "Ingrid", "Ali", "Åsa", "Örjan", "Émilie", "Jürgen"]
LAST = ["Andersson", "Berg", "Ek", "Lind", "Holm", "Nyström", "Said", "Ahmadi", "Lundqvist", "Sjöberg", "Öberg",
        "Åkesson", "Müller"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]
DAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
ORGS = ["Vårdcentralen", "Socialförvaltningen", "Habiliteringen", "BUP", "LSS-enheten", "Hemtjänsten",
        "Elevhälsan", "Beroendemottagningen", "Syncentralen", "Äldrepsykiatrin"]
TOWNS = ["Kalmar", "Borås", "Varberg", "Örebro", "Södertälje", "Växjö", "Luleå", "Umeå", "Malmö", "Göteborg"]


def generated(rng):
    lines = []
    for _ in range(40):
        d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.choice([2025, 2026, 2027])
        h1, m1 = rng.randint(7, 16), rng.choice([0, 15, 30, 45])
        h2 = h1 + rng.randint(1, 2)
        lines.append(f"{rng.choice(DAYS).capitalize()} {d} {MONTHS[m - 1]} {y} kl. {h1:02}.{m1:02}–{h2:02}.{m1:02}")
        lines.append(f"Datum: {y}-{m:02}-{d:02}, uppföljning {y}-{(m % 12) + 1:02}-{d:02}.")
    for _ in range(40):
        f, l = rng.choice(FIRST), rng.choice(LAST)
        mail = (f + "." + l).lower().replace("å", "a").replace("ä", "a").replace("ö", "o").replace("é", "e").replace("ü", "u")
        area = rng.choice(["0480", "08", "031", "0340", "019", "070", "072"])
        lines.append(f"{f} {l}, {rng.choice(ORGS)} {rng.choice(TOWNS)}, telefon {area}-{rng.randint(10, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}.")
        lines.append(f"E-post: {mail}@{rng.choice(['example.se', 'region.example.se', 'kommun.example.se'])}")
    for _ in range(30):
        n = rng.randint(1, 99999)
        lines.append(f"{n} kr, {rng.randint(1, 99)},{rng.randint(0, 99):02} %, {rng.randint(1, 20)}:e plats, sida {rng.randint(1, 400)}.")
        lines.append(f"Nr {rng.randint(1, 50)}{rng.choice('abcdefghijklm')} och {rng.randint(1, 50)}{rng.choice('ABCDEFGHKLM')} samt {rng.randint(1, 9)}.{rng.randint(1, 9)}{rng.choice('abcxyz')}")
    words = ["plan", "mål", "insats", "möte", "samordnare", "stöd", "vård", "omsorg", "skola", "boende", "hälsa", "ekonomi"]
    for _ in range(60):
        ws = [rng.choice(words) for _ in range(rng.randint(2, 7))]
        style = rng.randint(0, 5)
        if style == 0:
            ws = [w.upper() for w in ws]
        elif style == 1:
            k = rng.randint(0, len(ws) - 1)
            ws[k] = ws[k].upper()
        elif style == 2:
            ws = [w.capitalize() for w in ws]
        elif style == 3:
            ws = [w.upper() if i % 2 else w for i, w in enumerate(ws)]
        elif style == 4:
            ws = [w[:2].upper() + w[2:] for w in ws]
        punct = rng.choice([".", "!", "?", ":", ";", ",", ")", ""])
        text = " ".join(ws) + punct
        if punct == ")":
            text = "(" + text
        lines.append(text[0].upper() + text[1:] if style != 0 else text)
    return lines


def from_cases():
    lines = []
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.lstrip().startswith("#") or ":" not in raw:
                continue
            key, _, value = raw.partition(":")
            value = value.strip().strip('"')
            key = key.strip().lstrip("- ")
            if key in ("personnummer", "id", "typ", "rutin", "utförare", "ansvarig", "kallad_av",
                       "sekreterare", "samordnare", "dokumenterat_av", "kallas_av", "av", "organisation"):
                continue
            if len(value) < 4 or value in (">", ">-") or value.startswith("[") or "\\" in value:
                continue
            lines.append(value)
    return lines


def main():
    rng = random.Random(2026)
    lines = [l for l in HAND.splitlines() if l.strip()]
    lines += generated(rng)
    lines += from_cases()
    seen, corpus = set(), []
    for line in lines:
        if line not in seen and "\\" not in line:
            seen.add(line)
            corpus.append(line)
    (HERE / "corpus.txt").write_text("\n".join(corpus) + "\n", encoding="utf-8")
    out = subprocess.run(["lou_translate", "--forward", "unicode.dis,sv-g0.utb"], input="\n".join(corpus) + "\n",
                         capture_output=True, text=True, check=True).stdout
    assert len(out.splitlines()) == len(corpus), "liblouis must give one line per line"
    (HERE / "corpus.sv-g0.txt").write_text(out, encoding="utf-8")
    print(f"{len(corpus)} lines")


if __name__ == "__main__":
    main()
