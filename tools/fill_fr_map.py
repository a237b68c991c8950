"""One-off helper kept for maintainers: French for the map, charts and export dialog (issue 6).

Usage: .venv/bin/python tools/fill_fr_map.py [TS_FILE]   (after `make translations-update`)
Same rules as tools/fill_fr.py (entries already translated are left alone); kept apart while
the GUI of issue 6 is built on its own branch, to be merged into fill_fr.py's table.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = (
    Path(__file__).resolve().parents[1] / "src/fieldreport/resources/translations/fieldreport_fr.ts"
)

FRENCH: dict[str, str | tuple[str, str]] = {
    # map_view.py
    "&Event type:": "&Type d'événement :",
    "&Severity:": "&Gravité :",
    "&Period:": "&Période :",
    "All event types": "Tous les types d'événement",
    "Any severity": "Toute gravité",
    "%1 or more": "%1 ou plus",
    "Everything up to": "Tout jusqu'au",
    "%n day(s) up to": ("%n jour jusqu'au", "%n jours jusqu'au"),
    "Event type shown on the map": "Type d'événement affiché sur la carte",
    "Lowest severity shown on the map": "Gravité minimale affichée sur la carte",
    "Period shown on the map": "Période affichée sur la carte",
    "Date shown on the map": "Date affichée sur la carte",
    "Zoom in (+)": "Zoom avant (+)",
    "Zoom in": "Zoom avant",
    "Zoom out (-)": "Zoom arrière (-)",
    "Zoom out": "Zoom arrière",
    "Fit": "Tout voir",
    "Show every incident (0)": "Afficher tous les incidents (0)",
    "Show every incident": "Afficher tous les incidents",
    "Incident map": "Carte des incidents",
    "Arrow keys pan, + and - zoom, 0 shows everything, N and P move to the next or previous "
    "marker, Enter opens the marker under the cross-hair.": "Les flèches déplacent la carte, "
    "+ et - zooment, 0 affiche tout, N et P passent au repère suivant ou précédent, "
    "Entrée ouvre le repère sous le réticule.",
    "Larger dot: more severe; dark ring: 4 or 5": (
        "Point plus grand : plus grave ; anneau foncé : 4 ou 5"
    ),
    "Numbered circle: incidents grouped": "Cercle numéroté : incidents regroupés",
    "No map pack is installed: incidents are drawn on a plain latitude/longitude grid. Ask IT "
    "to install one with: fieldreport mappack install FILE|DIR": "Aucun fonds de carte n'est "
    "installé : les incidents sont placés sur une simple grille de latitudes et longitudes. "
    "Demandez à l'informatique d'en installer un avec : fieldreport mappack install FILE|DIR",
    "The map pack could not be read: %1": "Le fonds de carte est illisible : %1",
    "Could not load the incidents: %1": "Impossible de charger les incidents : %1",
    "Loading incidents…": "Chargement des incidents…",
    "%n incident(s) on the map": ("%n incident sur la carte", "%n incidents sur la carte"),
    "%n without coordinates": ("%n sans coordonnées", "%n sans coordonnées"),
    "%n incident(s)": ("%n incident", "%n incidents"),
    "Click to zoom in": "Cliquez pour zoomer",
    "Incidents at this place": "Incidents à cet endroit",
    # charts_view.py
    "By event type": "Par type d'événement",
    "By region": "Par région",
    "Incidents per week by event type": "Incidents par semaine et par type d'événement",
    "Incidents per week by region": "Incidents par semaine et par région",
    "Severity per week": "Gravité par semaine",
    "No incidents match the filters.": "Aucun incident ne correspond aux filtres.",
    "Severe or critical (4–5)": "Graves ou critiques (4–5)",
    "Other incidents": "Autres incidents",
    "Mean severity (right scale)": "Gravité moyenne (échelle de droite)",
    "Incidents": "Incidents",
    "Loading…": "Chargement…",
    "Could not compute the charts: %1": "Impossible de calculer les graphiques : %1",
    "Unknown region": "Région inconnue",
    "%n incident(s), per week (Monday to Sunday)": (
        "%n incident, par semaine (du lundi au dimanche)",
        "%n incidents, par semaine (du lundi au dimanche)",
    ),
    # export_dialog.py
    "Export reports": "Exporter des rapports",
    "&Dates:": "&Dates :",
    "&Region:": "&Région :",
    "&Sharing level:": "&Niveau de partage :",
    "&Format:": "&Format :",
    "Sa&ve to:": "&Enregistrer sous :",
    "from": "du",
    "to": "au",
    "Only reports from a date": "Seulement les rapports à partir d'une date",
    "Only reports up to a date": "Seulement les rapports jusqu'à une date",
    "First date": "Première date",
    "Last date": "Dernière date",
    "All regions": "Toutes les régions",
    "Every level": "Tous les niveaux",
    "%1 or more open": "%1 ou plus ouvert",
    "CSV table": "Tableau CSV",
    "CSV with HXL hashtags": "CSV avec étiquettes HXL",
    "Excel workbook": "Classeur Excel",
    "GeoJSON (maps, GIS)": "GeoJSON (cartes, SIG)",
    "KML (Google Earth)": "KML (Google Earth)",
    "ACLED-style CSV": "CSV au format ACLED",
    "PDF situation report": "Rapport de situation PDF",
    "&Partner-safe: no internal reports, no names, sensitive places blurred": "&Sûr pour les "
    "partenaires : sans rapports internes ni noms, lieux sensibles flous",
    "Sharing level": "Niveau de partage",
    "Format": "Format",
    "File to write": "Fichier à écrire",
    "Choose where to save the file": "Choisissez où enregistrer le fichier",
    "&Browse…": "&Parcourir…",
    "E&xport": "E&xporter",
    "Export progress": "Avancement de l'export",
    "%1 is not encrypted; store it on an encrypted disk and delete it when done": "%1 n'est pas "
    "chiffré ; gardez-le sur un disque chiffré et supprimez-le dès que possible",
    "Choose where to save the file first.": "Choisissez d'abord où enregistrer le fichier.",
    "The folder %1 does not exist.": "Le dossier %1 n'existe pas.",
    "Export in the clear?": "Exporter en clair ?",
    "Export anyway?": "Exporter quand même ?",
    "Nothing was exported.": "Rien n'a été exporté.",
    "%n report(s) exported to %1.": (
        "%n rapport exporté dans %1.",
        "%n rapports exportés dans %1.",
    ),
    "The export failed: %1": "L'export a échoué : %1",
    "Export cancelled; no file was written.": "Export annulé ; aucun fichier n'a été écrit.",
    "Close": "Fermer",
    # Already in tools/fill_fr.py (same French): "Severity", "Region", "Event type",
    # "Exporting…", "Cancel".
}


def main() -> int:
    ts = Path(sys.argv[1]) if len(sys.argv) > 1 else TS
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") not in ("unfinished", None) and translation.text:
            continue
        french = FRENCH.get(source)
        if french is None:
            if translation.get("type") == "unfinished":
                missing.append(source)
            continue
        for child in list(translation):
            translation.remove(child)
        if isinstance(french, tuple):
            translation.text = None
            for form in french:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = french
        translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"untranslated: {source}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
