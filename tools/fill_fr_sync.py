"""One-off helper kept for maintainers: fill the French translations of the sync and
advisory widgets (gui/sync_status.py, gui/outbox_items.py, gui/advisories_view.py) into the
.ts file. A separate table from tools/fill_fr.py while several branches add strings; merge
the two dicts when convenient.

Usage: .venv/bin/python tools/fill_fr_sync.py   (after `make translations-update`)
Entries already translated are left alone.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = (
    Path(__file__).resolve().parents[1] / "src/fieldreport/resources/translations/fieldreport_fr.ts"
)

FRENCH: dict[str, str | tuple[str, str]] = {
    # Status bar (SyncStatus)
    "Sync now": "Synchroniser",
    "Sync with the relay now (F5)": "Synchroniser avec le relais maintenant (F5)",
    "Connection to the relay": "Connexion au relais",
    "Items waiting to be sent": "Éléments en attente d'envoi",
    "Last sync": "Dernière synchronisation",
    "Syncing…": "Synchronisation…",
    "No relay configured": "Aucun relais configuré",
    "Not checked yet": "Pas encore vérifié",
    "Online": "En ligne",
    "Offline": "Hors ligne",
    "Pending: %1": "En attente : %1",
    "Last sync: %1": "Dernière synchro : %1",
    "Never synced": "Jamais synchronisé",
    # Outbox items table
    "Waiting": "En attente",
    "Ready to upload": "Prêt à envoyer",
    "On the relay, awaiting receipt": "Sur le relais, en attente d'accusé de réception",
    "Received": "Reçu",
    "Report": "Rapport",
    "State": "État",
    "Attempts": "Tentatives",
    "Last error": "Dernière erreur",
    "Next attempt": "Prochaine tentative",
    "Outbox items": "Éléments de la boîte d'envoi",
    "%1 (revision %2)": "%1 (révision %2)",
    "Next sync": "Prochaine synchro",
    # Advisories
    "Information": "Information",
    "Warning": "Avertissement",
    "Critical": "Critique",
    "Title": "Titre",
    "Severity": "Gravité",
    "Date": "Date",
    "Read": "Lue",
    "Advisories": "Alertes",
    "Advisory text": "Texte de l'alerte",
    "&Mark as read": "&Marquer comme lue",
    "Mark as read": "Marquer comme lue",
    "No": "Non",
    "Yes": "Oui",
    "&Show advisories": "&Voir les alertes",
    "Show advisories": "Voir les alertes",
    "Unread advisories": "Alertes non lues",
    "%n unread advisory(ies). Latest: %1": (
        "%n alerte non lue : %1",
        "%n alertes non lues. La dernière : %1",
    ),
    "Critical advisory": "Alerte critique",
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
