"""The sitrep's fixed words in English and French (report values come from the taxonomy)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Situation report",
        "period": "Period",
        "generated": "Generated",
        "filter": "Filter",
        "partner_safe": "Partner-safe edition: no names, sources or narratives; "
        "sensitive locations rounded to 0.1°.",
        "internal": "Contains internal information: do not forward outside the organisation.",
        "key_figures": "Key figures",
        "incidents": "Incidents",
        "killed": "Killed",
        "injured": "Injured",
        "abducted": "Abducted",
        "detained": "Detained",
        "severe": "Severe (4–5)",
        "by_type": "Incidents by event type",
        "by_region": "Incidents by region",
        "unknown_region": "No region",
        "highlights": "Highlights",
        "map": "Map of incidents",
        "no_pack": "No map pack installed: plain latitude/longitude grid.",
        "chart": "Incidents per week by event type",
        "table": "Incidents",
        "date": "Date",
        "region": "Region",
        "place": "Place",
        "type": "Type",
        "sev": "Sev.",
        "casualties": "K/I",
        "report_title": "Title",
        "more_rows": "{n} more incidents are not listed here; see the CSV or XLSX export.",
        "none": "No incident matches this period and filter.",
        "page": "Page",
    },
    "fr": {
        "title": "Rapport de situation",
        "period": "Période",
        "generated": "Généré le",
        "filter": "Filtre",
        "partner_safe": "Édition pour partenaires : sans noms, sources ni récits ; "
        "lieux sensibles arrondis à 0,1°.",
        "internal": "Contient des informations internes : ne pas transmettre hors de "
        "l'organisation.",
        "key_figures": "Chiffres clés",
        "incidents": "Incidents",
        "killed": "Tués",
        "injured": "Blessés",
        "abducted": "Enlevés",
        "detained": "Détenus",
        "severe": "Graves (4–5)",
        "by_type": "Incidents par type d'événement",
        "by_region": "Incidents par région",
        "unknown_region": "Sans région",
        "highlights": "Faits marquants",
        "map": "Carte des incidents",
        "no_pack": "Aucun pack de cartes installé : simple grille latitude/longitude.",
        "chart": "Incidents par semaine et par type d'événement",
        "table": "Incidents",
        "date": "Date",
        "region": "Région",
        "place": "Lieu",
        "type": "Type",
        "sev": "Grav.",
        "casualties": "T/B",
        "report_title": "Titre",
        "more_rows": "{n} autres incidents ne sont pas listés ici ; voir l'export CSV ou XLSX.",
        "none": "Aucun incident pour cette période et ce filtre.",
        "page": "Page",
    },
}


def labels_for(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["en"])
