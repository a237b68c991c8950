"""One-off helper kept for maintainers: fill French translations into the .ts file.

Usage: .venv/bin/python tools/fill_fr.py   (after `make translations-update`)
Entries already translated are left alone; the mapping below only grows.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = (
    Path(__file__).resolve().parents[1] / "src/fieldreport/resources/translations/fieldreport_fr.ts"
)

FRENCH: dict[str, str | tuple[str, str]] = {
    "There is no store in this folder. Create one with 'fieldreport init'.": "Aucun coffre dans ce dossier. Créez-en un avec « fieldreport init ».",
    "&FieldReport": "&FieldReport",
    "&Lock": "&Verrouiller",
    "&Quick exit (lock and hide)": "&Sortie rapide (verrouiller et masquer)",
    "&Panic: erase everything…": "&Panique : tout effacer…",
    "&Find": "&Rechercher",
    "Reports": "Rapports",
    "Map": "Carte",
    "Outbox && sync": "Envois && synchronisation",
    "Advisories": "Alertes",
    "Settings": "Paramètres",
    "Coming in a later version.": "Disponible dans une prochaine version.",
    "Erase everything?": "Tout effacer ?",
    "This destroys the keys at once: every report on this computer becomes unreadable for "
    "ever. Reports already received by headquarters are safe.": "Cela détruit immédiatement les clés : tous les rapports de cet ordinateur deviennent "
    "illisibles pour toujours. Les rapports déjà reçus par le siège ne sont pas touchés.",
    "Date": "Date",
    "Severity": "Gravité",
    "Title": "Titre",
    "Event type": "Type d'événement",
    "Place": "Lieu",
    "Region": "Région",
    "Status": "Statut",
    "Search reports (Ctrl+F)": "Rechercher des rapports (Ctrl+F)",
    "Search reports": "Rechercher des rapports",
    "%n report(s)": ("%n rapport", "%n rapports"),
    "Searching…": "Recherche…",
    "FieldReport is locked": "FieldReport est verrouillé",
    "Passphrase": "Phrase secrète",
    "&Unlock": "&Déverrouiller",
    "Unlock status": "État du déverrouillage",
    "Type your passphrase.": "Tapez votre phrase secrète.",
    "Unlocking…": "Déverrouillage…",
    "Cancelled.": "Annulé.",
    "&Language": "&Langue",
    "&New report": "&Nouveau rapport",
    "New report": "Nouveau rapport",
    "Recovered %n unsaved draft(s).": (
        "%n brouillon non enregistré récupéré.",
        "%n brouillons non enregistrés récupérés.",
    ),
    "Draft": "Brouillon",
    "Report saved.": "Rapport enregistré.",
    "What": "Quoi",
    "When": "Quand",
    "Where": "Où",
    "Impact": "Conséquences",
    "Source": "Source",
    "Te&mplate": "&Modèle",
    "Template": "Modèle",
    "&Title": "&Titre",
    "&Event type": "Type d'&événement",
    "S&ub-event type": "So&us-type",
    "Sub-event type": "Sous-type",
    "Se&verity": "Gra&vité",
    "Report type": "Type de rapport",
    "&Occurred at": "&Date et heure",
    "Occurred at": "Date et heure",
    "yyyy-MM-dd HH:mm": "yyyy-MM-dd HH:mm",
    "Time precision": "Précision de la date",
    "&Place": "Lie&u",
    "L&atitude": "L&atitude",
    "Latitude": "Latitude",
    "Lo&ngitude": "Lo&ngitude",
    "Longitude": "Longitude",
    "&Region": "&Région",
    "Location type": "Type de lieu",
    "&Killed": "Tu&és",
    "Killed": "Tués",
    "Injured": "Blessés",
    "Abducted": "Enlevés",
    "Detained": "Détenus",
    "Sour&ce type": "Type de sour&ce",
    "Source type": "Type de source",
    "Reliability": "Fiabilité",
    "Credibility": "Crédibilité",
    "Sharing": "Partage",
    "Narrat&ive": "Réc&it",
    "Narrative": "Récit",
    "Save draft (Ctrl+S)": "Enregistrer le brouillon (Ctrl+S)",
    "Finalise (Ctrl+Enter)": "Finaliser (Ctrl+Entrée)",
    "&Export bundle to USB…": "&Exporter un paquet sur clé USB…",
    "&Import bundles…": "&Importer des paquets…",
    "Apply &receipt…": "Appliquer un &accusé de réception…",
    "Report": "Rapport",
    "Revision": "Version",
    "State": "État",
    "Last error": "Dernière erreur",
    "Outbox": "Envois",
    "Waiting to be sent: %1 · sent, awaiting receipt: %2 · received: %3": "En attente d'envoi : %1 · envoyés, sans accusé : %2 · reçus : %3",
    "Export bundle": "Exporter un paquet",
    "Bundles (*.frb)": "Paquets (*.frb)",
    "Exporting…": "Export en cours…",
    "Nothing to export: every report was received.": "Rien à exporter : tous les rapports ont été reçus.",
    "Bundle written to %1: %2 revision(s).": "Paquet écrit dans %1 : %2 version(s).",
    "Import bundles": "Importer des paquets",
    "Importing…": "Import en cours…",
    "Imported: %1 · already here: %2 · refused: %3": "Importés : %1 · déjà présents : %2 · refusés : %3",
    "Apply receipt": "Appliquer un accusé de réception",
    "Receipts (*.json)": "Accusés de réception (*.json)",
    "%n revision(s) marked received.": (
        "%n version marquée reçue.",
        "%n versions marquées reçues.",
    ),
    "Cancel": "Annuler",
    "Cancelled: nothing was written.": "Annulé : rien n'a été écrit.",
    "FieldReport": "FieldReport",
}


def main() -> int:
    tree = ET.parse(TS)
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
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"untranslated: {source}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
