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
    # Issue 4: first run, filters, review, settings, full editor, attachments.
    "Attach files": "Joindre des fichiers",
    "Not saved yet": "Pas encore enregistré",
    "metadata removed": "métadonnées retirées",
    "FieldReport shows pictures and text only; this file stays encrypted.": "FieldReport n'affiche que les images et le texte ; ce fichier reste chiffré.",
    "Creating the encrypted store": "Création du coffre chiffré",
    "Progress": "Avancement",
    "Duress passphrase (optional)": "Phrase de contrainte (facultative)",
    "If someone forces you to unlock, type the duress passphrase instead: it erases every report at once and opens an empty program.": "Si quelqu'un vous force à déverrouiller, tapez plutôt la phrase de contrainte : elle efface immédiatement tous les rapports et ouvre un programme vide.",
    "&Set a duress passphrase": "&Définir une phrase de contrainte",
    "&Duress passphrase:": "Phrase de &contrainte :",
    "C&onfirm:": "C&onfirmer :",
    "Duress passphrase": "Phrase de contrainte",
    "Confirm the duress passphrase": "Confirmer la phrase de contrainte",
    "The duress passphrase must differ from your passphrase.": "La phrase de contrainte doit être différente de votre phrase secrète.",
    "Welcome to FieldReport": "Bienvenue dans FieldReport",
    "&Next >": "&Suivant >",
    "< &Back": "< &Précédent",
    "&Open FieldReport": "&Ouvrir FieldReport",
    "Measuring this computer and making your keys. This takes a few seconds…": "Mesure de cet ordinateur et création de vos clés. Cela prend quelques secondes…",
    "The store is ready, but the profile was refused: %1": "Le coffre est prêt, mais le profil a été refusé : %1",
    "The store is ready, with the profile of %1.": "Le coffre est prêt, avec le profil de %1.",
    "The store is ready.": "Le coffre est prêt.",
    "The store could not be created: %1": "Le coffre n'a pas pu être créé : %1",
    "Language": "Langue",
    "The language of the program. You can change it later.": "La langue du programme. Vous pourrez la changer plus tard.",
    "FieldReport locks after %n minute(s) without use.": (
        "FieldReport se verrouille après %n minute sans utilisation.",
        "FieldReport se verrouille après %n minutes sans utilisation.",
    ),
    "Update": "Mise à jour",
    "It protects every report on this computer.": "Elle protège tous les rapports de cet ordinateur.",
    "Choose several words that you will remember and nobody can guess. If you forget it, nobody can open your reports, not even headquarters.": "Choisissez plusieurs mots dont vous vous souviendrez et que personne ne peut deviner. Si vous l'oubliez, personne ne pourra ouvrir vos rapports, pas même le siège.",
    "&Passphrase:": "&Phrase secrète :",
    "&Confirm:": "&Confirmer :",
    "New passphrase": "Nouvelle phrase secrète",
    "Confirm the passphrase": "Confirmer la phrase secrète",
    "Passphrase strength": "Solidité de la phrase secrète",
    "Very weak": "Très faible",
    "Weak": "Faible",
    "Fair": "Moyenne",
    "Good": "Bonne",
    "Strong": "Solide",
    "Organisation profile": "Profil de l'organisation",
    "Your IT team gives you a profile file: it says where reports go. Without it the program works on this computer only, and you can add it later.": "Votre équipe informatique vous remet un fichier de profil : il indique où vont les rapports. Sans lui, le programme fonctionne seulement sur cet ordinateur ; vous pourrez l'ajouter plus tard.",
    "C&hoose a file…": "C&hoisir un fichier…",
    "&Later: work on this computer for now": "Plus &tard : travailler sur cet ordinateur pour l'instant",
    "Profile file": "Fichier de profil",
    "Create": "Créer",
    "Profiles (*.json);;All files (*)": "Profils (*.json);;Tous les fichiers (*)",
    "Name": "Nom",
    "Type": "Type",
    "Role": "Rôle",
    "Actor type": "Type d'acteur",
    "Actor role": "Rôle de l'acteur",
    "Act": "Acte",
    "Mean&s": "Mo&yens",
    "Means": "Moyens",
    "Context": "Contexte",
    "Attack context": "Contexte de l'attaque",
    "Ta&gs": "Éti&quettes",
    "Tags, separated by commas": "Étiquettes, séparées par des virgules",
    "checkpoint, fuel": "poste de contrôle, carburant",
    "Updates": "Met à jour",
    "Incident this report updates": "Incident mis à jour par ce rapport",
    "Ended at": "Fin",
    "The incident has an end time": "L'incident a une heure de fin",
    "MGRS": "MGRS",
    "MGRS grid reference": "Référence de carroyage MGRS",
    "Precision": "Précision",
    "Location precision": "Précision du lieu",
    "Cercle (P-code)": "Cercle (P-code)",
    "Admin 2 P-code": "P-code de niveau 2",
    "ML0605": "ML0605",
    "Figures are": "Chiffres",
    "Fatalities basis": "Base des chiffres de victimes",
    "Organisation hit": "Organisation touchée",
    "Organisation affected": "Organisation touchée",
    "Programme impact": "Impact sur le programme",
    "Source name": "Nom de la source",
    "Who": "Qui",
    "Actors": "Acteurs",
    "A&dd actor": "Ajouter un acteu&r",
    "Remove actor": "Retirer l'acteur",
    "After the incident": "Après l'incident",
    "Action&s taken": "Me&sures prises",
    "Actions taken": "Mesures prises",
    "&Follow-up": "&Suivi",
    "Follow-up": "Suivi",
    "Attachments": "Pièces jointes",
    "Remove photo metadata (EXIF, GPS) when attaching": "Retirer les métadonnées des photos (EXIF, GPS) en les joignant",
    "Attac&h files…": "&Joindre des fichiers…",
    "View": "Afficher",
    "Reviewed": "Relu",
    "Updated since review": "Modifié depuis la relecture",
    "Any event type": "Tout type d'événement",
    "Any severity": "Toute gravité",
    "Severity %1 or more": "Gravité %1 ou plus",
    "Any region": "Toute région",
    "Any status": "Tout statut",
    "Any device": "Tout appareil",
    "Review comment": "Commentaire de relecture",
    "Comment on this report:": "Commentaire sur ce rapport :",
    "Marked reviewed.": "Marqué comme relu.",
    "Comment saved.": "Commentaire enregistré.",
    "&From": "&Du",
    "&To": "&Au",
    "any date": "toute date",
    "Occurred on or after": "Survenu le ou après le",
    "Occurred on or before": "Survenu le ou avant le",
    "Filter by event type": "Filtrer par type d'événement",
    "Filter by severity": "Filtrer par gravité",
    "Filter by region": "Filtrer par région",
    "Filter by status": "Filtrer par statut",
    "Filter by device": "Filtrer par appareil",
    "Clear filters": "Effacer les filtres",
    "&Open and edit": "&Ouvrir et modifier",
    "Write an &update to this incident": "Écrire une &mise à jour de cet incident",
    "Mark &reviewed": "Marquer comme &relu",
    "Add a review &comment…": "Ajouter un &commentaire de relecture…",
    "What this computer is used for.": "L'usage de cet ordinateur.",
    "&Field staff: I record incidents": "&Terrain : j'enregistre des incidents",
    "&Coordinator: I review my team's reports and forward them": "&Coordination : je relis les rapports de mon équipe et les transmets",
    "&HQ analyst: I analyse and publish advisories": "&Analyste au siège : j'analyse et je publie des alertes",
    "Device &name (optional, e.g. Gao laptop 2):": "&Nom de l'appareil (facultatif, p. ex. portable Gao 2) :",
    "Interface": "Interface",
    "&Language:": "&Langue :",
    "Security": "Sécurité",
    "&Lock after (minutes without use):": "&Verrouiller après (minutes sans utilisation) :",
    "Minutes before the automatic lock": "Minutes avant le verrouillage automatique",
    "Data": "Données",
    "&Data folder:": "&Dossier des données :",
    "Data folder": "Dossier des données",
    "&Use another folder…": "&Utiliser un autre dossier…",
    "Another folder holds another store: FieldReport locks this one and opens that folder (or creates a store there). Start the program with --data-dir to open it directly.": "Un autre dossier contient un autre coffre : FieldReport verrouille celui-ci et ouvre ce dossier (ou y crée un coffre). Lancez le programme avec --data-dir pour l'ouvrir directement.",
    "Your organisation allows at most %n minute(s).": (
        "Votre organisation autorise au plus %n minute.",
        "Votre organisation autorise au plus %n minutes.",
    ),
    "Waiting time": "Temps d'attente",
    "Too many wrong passphrases. Next try in %n second(s).": (
        "Trop de phrases secrètes erronées. Prochain essai dans %n seconde.",
        "Trop de phrases secrètes erronées. Prochain essai dans %n secondes.",
    ),
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
