<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AdvisoriesView</name>
    <message>
        <location filename="../../gui/advisories_view.py" line="73" />
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="74" />
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="75" />
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="80" />
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="80" />
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="80" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="80" />
        <source>Read</source>
        <translation>Lue</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="82" />
        <source>Advisories</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="83" />
        <source>Advisory text</source>
        <translation>Texte de l'alerte</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="84" />
        <source>&amp;Mark as read</source>
        <translation>&amp;Marquer comme lue</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="85" />
        <source>Mark as read</source>
        <translation>Marquer comme lue</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="107" />
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="107" />
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
</context>
<context>
    <name>AdvisoryBanner</name>
    <message>
        <location filename="../../gui/advisories_view.py" line="184" />
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="185" />
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="186" />
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="190" />
        <source>&amp;Show advisories</source>
        <translation>&amp;Voir les alertes</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="191" />
        <source>Show advisories</source>
        <translation>Voir les alertes</translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="192" />
        <source>Unread advisories</source>
        <translation>Alertes non lues</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/advisories_view.py" line="211" />
        <source>%n unread advisory(ies). Latest: %1</source>
        <translation><numerusform>%n alerte non lue : %1</numerusform><numerusform>%n alertes non lues. La dernière : %1</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/advisories_view.py" line="231" />
        <location filename="../../gui/advisories_view.py" line="235" />
        <source>Critical advisory</source>
        <translation>Alerte critique</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../gui/attachments_panel.py" line="118" />
        <source>Attach files</source>
        <translation>Joindre des fichiers</translation>
    </message>
    <message>
        <location filename="../../gui/attachments_panel.py" line="135" />
        <source>Not saved yet</source>
        <translation>Pas encore enregistré</translation>
    </message>
    <message>
        <location filename="../../gui/attachments_panel.py" line="135" />
        <source>metadata removed</source>
        <translation>métadonnées retirées</translation>
    </message>
    <message>
        <location filename="../../gui/attachments_panel.py" line="205" />
        <source>FieldReport shows pictures and text only; this file stays encrypted.</source>
        <translation>FieldReport n'affiche que les images et le texte ; ce fichier reste chiffré.</translation>
    </message>
</context>
<context>
    <name>ChartsView</name>
    <message>
        <location filename="../../gui/charts_view.py" line="407" />
        <source>By event type</source>
        <translation>Par type d'événement</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="408" />
        <source>By region</source>
        <translation>Par région</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="409" />
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="410" />
        <source>Incidents per week by event type</source>
        <translation>Incidents par semaine et par type d'événement</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="411" />
        <source>Incidents per week by region</source>
        <translation>Incidents par semaine et par région</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="412" />
        <source>Severity per week</source>
        <translation>Gravité par semaine</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="413" />
        <source>No incidents match the filters.</source>
        <translation>Aucun incident ne correspond aux filtres.</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="417" />
        <source>Severe or critical (4–5)</source>
        <translation>Graves ou critiques (4–5)</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="418" />
        <source>Other incidents</source>
        <translation>Autres incidents</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="419" />
        <source>Mean severity (right scale)</source>
        <translation>Gravité moyenne (échelle de droite)</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="420" />
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="435" />
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="458" />
        <source>Could not compute the charts: %1</source>
        <translation>Impossible de calculer les graphiques : %1</translation>
    </message>
    <message>
        <location filename="../../gui/charts_view.py" line="478" />
        <source>Unknown region</source>
        <translation>Région inconnue</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/charts_view.py" line="488" />
        <source>%n incident(s), per week (Monday to Sunday)</source>
        <translation><numerusform>%n incident, par semaine (du lundi au dimanche)</numerusform><numerusform>%n incidents, par semaine (du lundi au dimanche)</numerusform></translation>
    </message>
</context>
<context>
    <name>CreatingPage</name>
    <message>
        <location filename="../../gui/first_run.py" line="300" />
        <source>Creating the encrypted store</source>
        <translation>Création du coffre chiffré</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="301" />
        <source>Progress</source>
        <translation>Avancement</translation>
    </message>
</context>
<context>
    <name>DuressPage</name>
    <message>
        <location filename="../../gui/first_run.py" line="160" />
        <source>Duress passphrase (optional)</source>
        <translation>Phrase de contrainte (facultative)</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="163" />
        <source>If someone forces you to unlock, type the duress passphrase instead: it erases every report at once and opens an empty program.</source>
        <translation>Si quelqu'un vous force à déverrouiller, tapez plutôt la phrase de contrainte : elle efface immédiatement tous les rapports et ouvre un programme vide.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="167" />
        <source>&amp;Set a duress passphrase</source>
        <translation>&amp;Définir une phrase de contrainte</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="168" />
        <source>&amp;Duress passphrase:</source>
        <translation>Phrase de &amp;contrainte :</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="169" />
        <source>C&amp;onfirm:</source>
        <translation>C&amp;onfirmer :</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="170" />
        <source>Duress passphrase</source>
        <translation>Phrase de contrainte</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="171" />
        <source>Confirm the duress passphrase</source>
        <translation>Confirmer la phrase de contrainte</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="184" />
        <source>The duress passphrase must differ from your passphrase.</source>
        <translation>La phrase de contrainte doit être différente de votre phrase secrète.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../gui/export_dialog.py" line="142" />
        <location filename="../../gui/export_dialog.py" line="269" />
        <source>Export reports</source>
        <translation>Exporter des rapports</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="143" />
        <source>&amp;Dates:</source>
        <translation>&amp;Dates :</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="144" />
        <source>&amp;Region:</source>
        <translation>&amp;Région :</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="145" />
        <source>&amp;Event type:</source>
        <translation>&amp;Type d'événement :</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="146" />
        <source>&amp;Sharing level:</source>
        <translation>&amp;Niveau de partage :</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="147" />
        <source>&amp;Format:</source>
        <translation>&amp;Format :</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="148" />
        <source>Sa&amp;ve to:</source>
        <translation>&amp;Enregistrer sous :</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="149" />
        <source>from</source>
        <translation>du</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="150" />
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="151" />
        <source>Only reports from a date</source>
        <translation>Seulement les rapports à partir d'une date</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="152" />
        <source>Only reports up to a date</source>
        <translation>Seulement les rapports jusqu'à une date</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="153" />
        <source>First date</source>
        <translation>Première date</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="154" />
        <source>Last date</source>
        <translation>Dernière date</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="157" />
        <source>All regions</source>
        <translation>Toutes les régions</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="162" />
        <source>All event types</source>
        <translation>Tous les types d'événement</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="167" />
        <source>Every level</source>
        <translation>Tous les niveaux</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="169" />
        <source>%1 or more open</source>
        <translation>%1 ou plus ouvert</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="174" />
        <source>CSV table</source>
        <translation>Tableau CSV</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="175" />
        <source>CSV with HXL hashtags</source>
        <translation>CSV avec étiquettes HXL</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="176" />
        <source>Excel workbook</source>
        <translation>Classeur Excel</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="177" />
        <source>GeoJSON (maps, GIS)</source>
        <translation>GeoJSON (cartes, SIG)</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="178" />
        <source>KML (Google Earth)</source>
        <translation>KML (Google Earth)</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="179" />
        <source>ACLED-style CSV</source>
        <translation>CSV au format ACLED</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="180" />
        <source>PDF situation report</source>
        <translation>Rapport de situation PDF</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="191" />
        <source>&amp;Partner-safe: no internal reports, no names, sensitive places blurred</source>
        <translation>&amp;Sûr pour les partenaires : sans rapports internes ni noms, lieux sensibles flous</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="193" />
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="194" />
        <source>Event type</source>
        <translation>Type d'événement</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="195" />
        <source>Sharing level</source>
        <translation>Niveau de partage</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="196" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="197" />
        <source>File to write</source>
        <translation>Fichier à écrire</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="198" />
        <source>Choose where to save the file</source>
        <translation>Choisissez où enregistrer le fichier</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="199" />
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="200" />
        <source>E&amp;xport</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="201" />
        <source>Export progress</source>
        <translation>Avancement de l'export</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="279" />
        <source>%1 is not encrypted; store it on an encrypted disk and delete it when done</source>
        <translation>%1 n'est pas chiffré ; gardez-le sur un disque chiffré et supprimez-le dès que possible</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="288" />
        <source>Choose where to save the file first.</source>
        <translation>Choisissez d'abord où enregistrer le fichier.</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="293" />
        <source>The folder %1 does not exist.</source>
        <translation>Le dossier %1 n'existe pas.</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="298" />
        <source>Export in the clear?</source>
        <translation>Exporter en clair ?</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="300" />
        <source>Export anyway?</source>
        <translation>Exporter quand même ?</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="312" />
        <source>Nothing was exported.</source>
        <translation>Rien n'a été exporté.</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="340" />
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/export_dialog.py" line="359" />
        <source>%n report(s) exported to %1.</source>
        <translation><numerusform>%n rapport exporté dans %1.</numerusform><numerusform>%n rapports exportés dans %1.</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="370" />
        <source>The export failed: %1</source>
        <translation>L'export a échoué : %1</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="372" />
        <source>Export cancelled; no file was written.</source>
        <translation>Export annulé ; aucun fichier n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="377" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="377" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../gui/first_run.py" line="340" />
        <location filename="../../gui/first_run.py" line="421" />
        <source>Welcome to FieldReport</source>
        <translation>Bienvenue dans FieldReport</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="343" />
        <source>&amp;Next &gt;</source>
        <translation>&amp;Suivant &gt;</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="344" />
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Précédent</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="345" />
        <source>&amp;Open FieldReport</source>
        <translation>&amp;Ouvrir FieldReport</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="376" />
        <source>Measuring this computer and making your keys. This takes a few seconds…</source>
        <translation>Mesure de cet ordinateur et création de vos clés. Cela prend quelques secondes…</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="405" />
        <source>The store is ready, but the profile was refused: %1</source>
        <translation>Le coffre est prêt, mais le profil a été refusé : %1</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="409" />
        <source>The store is ready, with the profile of %1.</source>
        <translation>Le coffre est prêt, avec le profil de %1.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="411" />
        <source>The store is ready.</source>
        <translation>Le coffre est prêt.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="422" />
        <source>The store could not be created: %1</source>
        <translation>Le coffre n'a pas pu être créé : %1</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../gui/first_run.py" line="61" />
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="62" />
        <source>The language of the program. You can change it later.</source>
        <translation>La langue du programme. Vous pourrez la changer plus tard.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="125" />
        <source>&amp;FieldReport</source>
        <translation>&amp;FieldReport</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="126" />
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="127" />
        <source>&amp;Lock</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="128" />
        <source>&amp;Quick exit (lock and hide)</source>
        <translation>&amp;Sortie rapide (verrouiller et masquer)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="129" />
        <source>&amp;Panic: erase everything…</source>
        <translation>&amp;Panique : tout effacer…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="130" />
        <source>&amp;Find</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="131" />
        <source>&amp;New report</source>
        <translation>&amp;Nouveau rapport</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="132" />
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="147" />
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="378" />
        <source>New report</source>
        <translation>Nouveau rapport</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="145" />
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="146" />
        <source>Map</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="148" />
        <source>Outbox &amp;&amp; sync</source>
        <translation>Envois &amp;&amp; synchronisation</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="149" />
        <source>Advisories</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="150" />
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="139" />
        <location filename="../../gui/main_window.py" line="217" />
        <source>Coming in a later version.</source>
        <translation>Disponible dans une prochaine version.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/main_window.py" line="355" />
        <source>Recovered %n unsaved draft(s).</source>
        <translation><numerusform>%n brouillon non enregistré récupéré.</numerusform><numerusform>%n brouillons non enregistrés récupérés.</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="378" />
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="391" />
        <source>Report saved.</source>
        <translation>Rapport enregistré.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/main_window.py" line="398" />
        <source>FieldReport locks after %n minute(s) without use.</source>
        <translation><numerusform>FieldReport se verrouille après %n minute sans utilisation.</numerusform><numerusform>FieldReport se verrouille après %n minutes sans utilisation.</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="431" />
        <source>Update</source>
        <translation>Mise à jour</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="485" />
        <source>Erase everything?</source>
        <translation>Tout effacer ?</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="487" />
        <source>This destroys the keys at once: every report on this computer becomes unreadable for ever. Reports already received by headquarters are safe.</source>
        <translation>Cela détruit immédiatement les clés : tous les rapports de cet ordinateur deviennent illisibles pour toujours. Les rapports déjà reçus par le siège ne sont pas touchés.</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../../gui/map_view.py" line="291" />
        <source>Incidents at this place</source>
        <translation>Incidents à cet endroit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/map_view.py" line="415" />
        <source>%n incident(s)</source>
        <translation><numerusform>%n incident</numerusform><numerusform>%n incidents</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="418" />
        <source>Click to zoom in</source>
        <translation>Cliquez pour zoomer</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../../gui/map_view.py" line="796" />
        <source>&amp;Event type:</source>
        <translation>&amp;Type d'événement :</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="797" />
        <source>&amp;Severity:</source>
        <translation>&amp;Gravité :</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="798" />
        <source>&amp;Period:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="800" />
        <source>All event types</source>
        <translation>Tous les types d'événement</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="804" />
        <source>Any severity</source>
        <translation>Toute gravité</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="806" />
        <source>%1 or more</source>
        <translation>%1 ou plus</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="808" />
        <source>Everything up to</source>
        <translation>Tout jusqu'au</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/map_view.py" line="810" />
        <source>%n day(s) up to</source>
        <translation><numerusform>%n jour jusqu'au</numerusform><numerusform>%n jours jusqu'au</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="811" />
        <source>Event type shown on the map</source>
        <translation>Type d'événement affiché sur la carte</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="812" />
        <source>Lowest severity shown on the map</source>
        <translation>Gravité minimale affichée sur la carte</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="813" />
        <source>Period shown on the map</source>
        <translation>Période affichée sur la carte</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="814" />
        <source>Date shown on the map</source>
        <translation>Date affichée sur la carte</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="815" />
        <source>Zoom in (+)</source>
        <translation>Zoom avant (+)</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="816" />
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="817" />
        <source>Zoom out (-)</source>
        <translation>Zoom arrière (-)</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="818" />
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="819" />
        <source>Fit</source>
        <translation>Tout voir</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="820" />
        <source>Show every incident (0)</source>
        <translation>Afficher tous les incidents (0)</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="821" />
        <source>Show every incident</source>
        <translation>Afficher tous les incidents</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="822" />
        <source>Incident map</source>
        <translation>Carte des incidents</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="825" />
        <source>Arrow keys pan, + and - zoom, 0 shows everything, N and P move to the next or previous marker, Enter opens the marker under the cross-hair.</source>
        <translation>Les flèches déplacent la carte, + et - zooment, 0 affiche tout, N et P passent au repère suivant ou précédent, Entrée ouvre le repère sous le réticule.</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="829" />
        <source>Event type</source>
        <translation>Type d'événement</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="830" />
        <source>Larger dot: more severe; dark ring: 4 or 5</source>
        <translation>Point plus grand : plus grave ; anneau foncé : 4 ou 5</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="831" />
        <source>Numbered circle: incidents grouped</source>
        <translation>Cercle numéroté : incidents regroupés</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="834" />
        <source>No map pack is installed: incidents are drawn on a plain latitude/longitude grid. Ask IT to install one with: fieldreport mappack install FILE|DIR</source>
        <translation>Aucun fonds de carte n'est installé : les incidents sont placés sur une simple grille de latitudes et longitudes. Demandez à l'informatique d'en installer un avec : fieldreport mappack install FILE|DIR</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="918" />
        <source>The map pack could not be read: %1</source>
        <translation>Le fonds de carte est illisible : %1</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="938" />
        <source>Could not load the incidents: %1</source>
        <translation>Impossible de charger les incidents : %1</translation>
    </message>
    <message>
        <location filename="../../gui/map_view.py" line="984" />
        <source>Loading incidents…</source>
        <translation>Chargement des incidents…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/map_view.py" line="986" />
        <source>%n incident(s) on the map</source>
        <translation><numerusform>%n incident sur la carte</numerusform><numerusform>%n incidents sur la carte</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/map_view.py" line="988" />
        <source>%n without coordinates</source>
        <translation><numerusform>%n sans coordonnées</numerusform><numerusform>%n sans coordonnées</numerusform></translation>
    </message>
</context>
<context>
    <name>OutboxItemsTable</name>
    <message>
        <location filename="../../gui/outbox_items.py" line="35" />
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_items.py" line="36" />
        <source>Ready to upload</source>
        <translation>Prêt à envoyer</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_items.py" line="37" />
        <source>On the relay, awaiting receipt</source>
        <translation>Sur le relais, en attente d'accusé de réception</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_items.py" line="38" />
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_items.py" line="44" />
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_items.py" line="45" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_items.py" line="46" />
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_items.py" line="47" />
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_items.py" line="48" />
        <source>Next attempt</source>
        <translation>Prochaine tentative</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_items.py" line="51" />
        <source>Outbox items</source>
        <translation>Éléments de la boîte d'envoi</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_items.py" line="75" />
        <source>%1 (revision %2)</source>
        <translation>%1 (révision %2)</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_items.py" line="81" />
        <source>Next sync</source>
        <translation>Prochaine synchro</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../gui/outbox_view.py" line="75" />
        <source>&amp;Export bundle to USB…</source>
        <translation>&amp;Exporter un paquet sur clé USB…</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="76" />
        <source>&amp;Import bundles…</source>
        <translation>&amp;Importer des paquets…</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="77" />
        <source>Apply &amp;receipt…</source>
        <translation>Appliquer un &amp;accusé de réception…</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="78" />
        <source>Outbox</source>
        <translation>Envois</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="102" />
        <source>Waiting to be sent: %1 · sent, awaiting receipt: %2 · received: %3</source>
        <translation>En attente d'envoi : %1 · envoyés, sans accusé : %2 · reçus : %3</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="111" />
        <source>Export bundle</source>
        <translation>Exporter un paquet</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="111" />
        <location filename="../../gui/outbox_view.py" line="142" />
        <source>Bundles (*.frb)</source>
        <translation>Paquets (*.frb)</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="118" />
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="127" />
        <source>Nothing to export: every report was received.</source>
        <translation>Rien à exporter : tous les rapports ont été reçus.</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="130" />
        <source>Bundle written to %1: %2 revision(s).</source>
        <translation>Paquet écrit dans %1 : %2 version(s).</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="142" />
        <source>Import bundles</source>
        <translation>Importer des paquets</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="149" />
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="173" />
        <source>Imported: %1 · already here: %2 · refused: %3</source>
        <translation>Importés : %1 · déjà présents : %2 · refusés : %3</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="187" />
        <source>Apply receipt</source>
        <translation>Appliquer un accusé de réception</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="187" />
        <source>Receipts (*.json)</source>
        <translation>Accusés de réception (*.json)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/outbox_view.py" line="199" />
        <source>%n revision(s) marked received.</source>
        <translation><numerusform>%n version marquée reçue.</numerusform><numerusform>%n versions marquées reçues.</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="237" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="248" />
        <source>Cancelled: nothing was written.</source>
        <translation>Annulé : rien n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="250" />
        <source>FieldReport</source>
        <translation>FieldReport</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <location filename="../../gui/first_run.py" line="92" />
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="93" />
        <source>It protects every report on this computer.</source>
        <translation>Elle protège tous les rapports de cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="96" />
        <source>Choose several words that you will remember and nobody can guess. If you forget it, nobody can open your reports, not even headquarters.</source>
        <translation>Choisissez plusieurs mots dont vous vous souviendrez et que personne ne peut deviner. Si vous l'oubliez, personne ne pourra ouvrir vos rapports, pas même le siège.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="100" />
        <source>&amp;Passphrase:</source>
        <translation>&amp;Phrase secrète :</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="101" />
        <source>&amp;Confirm:</source>
        <translation>&amp;Confirmer :</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="102" />
        <source>New passphrase</source>
        <translation>Nouvelle phrase secrète</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="103" />
        <source>Confirm the passphrase</source>
        <translation>Confirmer la phrase secrète</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="104" />
        <source>Passphrase strength</source>
        <translation>Solidité de la phrase secrète</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="109" />
        <source>Very weak</source>
        <translation>Très faible</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="110" />
        <source>Weak</source>
        <translation>Faible</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="111" />
        <source>Fair</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="112" />
        <source>Good</source>
        <translation>Bonne</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="113" />
        <source>Strong</source>
        <translation>Solide</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/first_run.py" line="121" />
        <source>Too short: at least %n characters</source>
        <translation><numerusform>Trop courte : au moins %n caractère</numerusform><numerusform>Trop courte : au moins %n caractères</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="123" />
        <source>The two passphrases differ</source>
        <translation>Les deux phrases secrètes diffèrent</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../../gui/first_run.py" line="256" />
        <location filename="../../gui/first_run.py" line="270" />
        <source>Organisation profile</source>
        <translation>Profil de l'organisation</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="259" />
        <source>Your IT team gives you a profile file: it says where reports go. Without it the program works on this computer only, and you can add it later.</source>
        <translation>Votre équipe informatique vous remet un fichier de profil : il indique où vont les rapports. Sans lui, le programme fonctionne seulement sur cet ordinateur ; vous pourrez l'ajouter plus tard.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="263" />
        <source>C&amp;hoose a file…</source>
        <translation>C&amp;hoisir un fichier…</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="264" />
        <source>&amp;Later: work on this computer for now</source>
        <translation>Plus &amp;tard : travailler sur cet ordinateur pour l'instant</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="265" />
        <source>Profile file</source>
        <translation>Fichier de profil</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="266" />
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="270" />
        <source>Profiles (*.json);;All files (*)</source>
        <translation>Profils (*.json);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>ReportEditor</name>
    <message>
        <location filename="../../gui/report_editor.py" line="410" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../gui/report_editor.py" line="410" />
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../gui/report_editor.py" line="410" />
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../gui/report_editor.py" line="424" />
        <source>Actor type</source>
        <translation>Type d'acteur</translation>
    </message>
    <message>
        <location filename="../../gui/report_editor.py" line="424" />
        <source>Actor role</source>
        <translation>Rôle de l'acteur</translation>
    </message>
</context>
<context>
    <name>ReportEditorForm</name>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="21" />
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="27" />
        <source>Te&amp;mplate</source>
        <translation>&amp;Modèle</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="37" />
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="44" />
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="54" />
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="61" />
        <source>&amp;Event type</source>
        <translation>Type d'&amp;événement</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="71" />
        <source>Event type</source>
        <translation>Type d'événement</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="78" />
        <source>S&amp;ub-event type</source>
        <translation>So&amp;us-type</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="88" />
        <source>Sub-event type</source>
        <translation>Sous-type</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="95" />
        <source>Se&amp;verity</source>
        <translation>Gra&amp;vité</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="105" />
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="118" />
        <location filename="../../../../ui/report_editor.ui" line="128" />
        <source>Report type</source>
        <translation>Type de rapport</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="135" />
        <location filename="../../../../ui/report_editor.ui" line="145" />
        <source>Act</source>
        <translation>Acte</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="152" />
        <source>Mean&amp;s</source>
        <translation>Mo&amp;yens</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="162" />
        <source>Means</source>
        <translation>Moyens</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="169" />
        <source>Context</source>
        <translation>Contexte</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="179" />
        <source>Attack context</source>
        <translation>Contexte de l'attaque</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="186" />
        <source>Ta&amp;gs</source>
        <translation>Éti&amp;quettes</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="196" />
        <source>Tags, separated by commas</source>
        <translation>Étiquettes, séparées par des virgules</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="199" />
        <source>checkpoint, fuel</source>
        <translation>poste de contrôle, carburant</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="206" />
        <source>Updates</source>
        <translation>Met à jour</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="216" />
        <source>Incident this report updates</source>
        <translation>Incident mis à jour par ce rapport</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="229" />
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="235" />
        <source>&amp;Occurred at</source>
        <translation>&amp;Date et heure</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="245" />
        <source>Occurred at</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="251" />
        <location filename="../../../../ui/report_editor.ui" line="291" />
        <source>yyyy-MM-dd HH:mm</source>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="258" />
        <location filename="../../../../ui/report_editor.ui" line="268" />
        <source>Time precision</source>
        <translation>Précision de la date</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="275" />
        <location filename="../../../../ui/report_editor.ui" line="285" />
        <source>Ended at</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="278" />
        <source>The incident has an end time</source>
        <translation>L'incident a une heure de fin</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="301" />
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="307" />
        <source>&amp;Place</source>
        <translation>Lie&amp;u</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="317" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="324" />
        <source>L&amp;atitude</source>
        <translation>L&amp;atitude</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="334" />
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="341" />
        <source>Lo&amp;ngitude</source>
        <translation>Lo&amp;ngitude</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="351" />
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="358" />
        <source>&amp;Region</source>
        <translation>&amp;Région</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="368" />
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="375" />
        <location filename="../../../../ui/report_editor.ui" line="385" />
        <source>Location type</source>
        <translation>Type de lieu</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="392" />
        <source>MGRS</source>
        <translation>MGRS</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="399" />
        <source>MGRS grid reference</source>
        <translation>Référence de carroyage MGRS</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="409" />
        <source>Precision</source>
        <translation>Précision</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="419" />
        <source>Location precision</source>
        <translation>Précision du lieu</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="426" />
        <source>Cercle (P-code)</source>
        <translation>Cercle (P-code)</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="436" />
        <source>Admin 2 P-code</source>
        <translation>P-code de niveau 2</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="439" />
        <source>ML0605</source>
        <translation>ML0605</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="456" />
        <source>Impact</source>
        <translation>Conséquences</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="462" />
        <source>&amp;Killed</source>
        <translation>Tu&amp;és</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="472" />
        <source>Killed</source>
        <translation>Tués</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="485" />
        <location filename="../../../../ui/report_editor.ui" line="495" />
        <source>Injured</source>
        <translation>Blessés</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="508" />
        <location filename="../../../../ui/report_editor.ui" line="518" />
        <source>Abducted</source>
        <translation>Enlevés</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="531" />
        <location filename="../../../../ui/report_editor.ui" line="541" />
        <source>Detained</source>
        <translation>Détenus</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="554" />
        <source>Figures are</source>
        <translation>Chiffres</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="564" />
        <source>Fatalities basis</source>
        <translation>Base des chiffres de victimes</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="571" />
        <source>Organisation hit</source>
        <translation>Organisation touchée</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="581" />
        <source>Organisation affected</source>
        <translation>Organisation touchée</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="588" />
        <location filename="../../../../ui/report_editor.ui" line="598" />
        <source>Programme impact</source>
        <translation>Impact sur le programme</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="605" />
        <source>of whom national staff</source>
        <translation>dont personnel national</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="615" />
        <source>National staff among them</source>
        <translation>Personnel national parmi eux</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="627" />
        <location filename="../../../../ui/report_editor.ui" line="656" />
        <location filename="../../../../ui/report_editor.ui" line="685" />
        <location filename="../../../../ui/report_editor.ui" line="714" />
        <location filename="../../../../ui/report_editor.ui" line="743" />
        <location filename="../../../../ui/report_editor.ui" line="772" />
        <source>not known</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="634" />
        <source>international staff</source>
        <translation>personnel international</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="644" />
        <source>International staff among them</source>
        <translation>Personnel international parmi eux</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="663" />
        <source>civilians</source>
        <translation>civils</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="673" />
        <source>Civilians among them</source>
        <translation>Civils parmi eux</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="692" />
        <source>security forces</source>
        <translation>forces de sécurité</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="702" />
        <source>Security forces among them</source>
        <translation>Forces de sécurité parmi eux</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="721" />
        <source>women and girls</source>
        <translation>femmes et filles</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="731" />
        <source>Women and girls among them</source>
        <translation>Femmes et filles parmi eux</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="750" />
        <source>men and boys</source>
        <translation>hommes et garçons</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="760" />
        <source>Men and boys among them</source>
        <translation>Hommes et garçons parmi eux</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="782" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="788" />
        <source>Sour&amp;ce type</source>
        <translation>Type de sour&amp;ce</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="798" />
        <source>Source type</source>
        <translation>Type de source</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="805" />
        <location filename="../../../../ui/report_editor.ui" line="815" />
        <source>Reliability</source>
        <translation>Fiabilité</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="822" />
        <location filename="../../../../ui/report_editor.ui" line="832" />
        <source>Credibility</source>
        <translation>Crédibilité</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="839" />
        <location filename="../../../../ui/report_editor.ui" line="849" />
        <source>Sharing</source>
        <translation>Partage</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="856" />
        <location filename="../../../../ui/report_editor.ui" line="866" />
        <source>Source name</source>
        <translation>Nom de la source</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="876" />
        <source>Narrat&amp;ive</source>
        <translation>Réc&amp;it</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="886" />
        <source>Narrative</source>
        <translation>Récit</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="900" />
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="906" />
        <source>Actors</source>
        <translation>Acteurs</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="921" />
        <source>A&amp;dd actor</source>
        <translation>Ajouter un acteu&amp;r</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="928" />
        <source>Remove actor</source>
        <translation>Retirer l'acteur</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="940" />
        <source>After the incident</source>
        <translation>Après l'incident</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="946" />
        <source>Action&amp;s taken</source>
        <translation>Me&amp;sures prises</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="956" />
        <source>Actions taken</source>
        <translation>Mesures prises</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="966" />
        <source>&amp;Follow-up</source>
        <translation>&amp;Suivi</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="976" />
        <source>Follow-up</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="989" />
        <location filename="../../../../ui/report_editor.ui" line="995" />
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="1005" />
        <source>Remove photo metadata (EXIF, GPS) when attaching</source>
        <translation>Retirer les métadonnées des photos (EXIF, GPS) en les joignant</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="1017" />
        <source>Attac&amp;h files…</source>
        <translation>&amp;Joindre des fichiers…</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="1024" />
        <source>View</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="1058" />
        <source>Save draft (Ctrl+S)</source>
        <translation>Enregistrer le brouillon (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="1065" />
        <source>Finalise (Ctrl+Enter)</source>
        <translation>Finaliser (Ctrl+Entrée)</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <location filename="../../gui/report_model.py" line="55" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="56" />
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="57" />
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="58" />
        <source>Event type</source>
        <translation>Type d'événement</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="59" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="60" />
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="61" />
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="62" />
        <location filename="../../gui/report_model.py" line="220" />
        <source>Reviewed</source>
        <translation>Relu</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="221" />
        <source>Updated since review</source>
        <translation>Modifié depuis la relecture</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../../gui/reports_view.py" line="157" />
        <source>Any event type</source>
        <translation>Tout type d'événement</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="159" />
        <source>Any severity</source>
        <translation>Toute gravité</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="160" />
        <source>Severity %1 or more</source>
        <translation>Gravité %1 ou plus</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="161" />
        <source>Any region</source>
        <translation>Toute région</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="163" />
        <source>Any status</source>
        <translation>Tout statut</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="165" />
        <source>Any device</source>
        <translation>Tout appareil</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="303" />
        <source>Review comment</source>
        <translation>Commentaire de relecture</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="303" />
        <source>Comment on this report:</source>
        <translation>Commentaire sur ce rapport :</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="325" />
        <source>marked reviewed (revision %1)</source>
        <translation>marqué comme relu (version %1)</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="327" />
        <source>comment (revision %1)</source>
        <translation>commentaire (version %1)</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="332" />
        <source>Review history</source>
        <translation>Historique de relecture</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="333" />
        <source>Nobody has reviewed this report yet.</source>
        <translation>Personne n'a encore relu ce rapport.</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="348" />
        <source>Marked reviewed.</source>
        <translation>Marqué comme relu.</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="350" />
        <source>Comment saved.</source>
        <translation>Commentaire enregistré.</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="356" />
        <source>Search reports (Ctrl+F)</source>
        <translation>Rechercher des rapports (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="357" />
        <source>Search reports</source>
        <translation>Rechercher des rapports</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="358" />
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="359" />
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="360" />
        <source>&amp;To</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="365" />
        <source>any date</source>
        <translation>toute date</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="366" />
        <source>Occurred on or after</source>
        <translation>Survenu le ou après le</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="367" />
        <source>Occurred on or before</source>
        <translation>Survenu le ou avant le</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="369" />
        <source>Filter by event type</source>
        <translation>Filtrer par type d'événement</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="370" />
        <source>Filter by severity</source>
        <translation>Filtrer par gravité</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="371" />
        <source>Filter by region</source>
        <translation>Filtrer par région</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="372" />
        <source>Filter by status</source>
        <translation>Filtrer par statut</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="373" />
        <source>Filter by device</source>
        <translation>Filtrer par appareil</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="377" />
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="378" />
        <source>&amp;Open and edit</source>
        <translation>&amp;Ouvrir et modifier</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="379" />
        <source>Write an &amp;update to this incident</source>
        <translation>Écrire une &amp;mise à jour de cet incident</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="380" />
        <source>Mark &amp;reviewed</source>
        <translation>Marquer comme &amp;relu</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="381" />
        <source>Add a review &amp;comment…</source>
        <translation>Ajouter un &amp;commentaire de relecture…</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="382" />
        <source>Review &amp;history</source>
        <translation>&amp;Historique de relecture</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/reports_view.py" line="421" />
        <source>%n report(s)</source>
        <translation><numerusform>%n rapport</numerusform><numerusform>%n rapports</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="425" />
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <location filename="../../gui/first_run.py" line="217" />
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="218" />
        <source>What this computer is used for.</source>
        <translation>L'usage de cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="219" />
        <source>&amp;Field staff: I record incidents</source>
        <translation>&amp;Terrain : j'enregistre des incidents</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="221" />
        <source>&amp;Coordinator: I review my team's reports and forward them</source>
        <translation>&amp;Coordination : je relis les rapports de mon équipe et les transmets</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="223" />
        <source>&amp;HQ analyst: I analyse and publish advisories</source>
        <translation>&amp;Analyste au siège : j'analyse et je publie des alertes</translation>
    </message>
    <message>
        <location filename="../../gui/first_run.py" line="224" />
        <source>Device &amp;name (optional, e.g. Gao laptop 2):</source>
        <translation>&amp;Nom de l'appareil (facultatif, p. ex. portable Gao 2) :</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <location filename="../../../../ui/settings.ui" line="9" />
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location filename="../../../../ui/settings.ui" line="15" />
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <location filename="../../../../ui/settings.ui" line="25" />
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../../../ui/settings.ui" line="35" />
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <location filename="../../../../ui/settings.ui" line="41" />
        <source>&amp;Lock after (minutes without use):</source>
        <translation>&amp;Verrouiller après (minutes sans utilisation) :</translation>
    </message>
    <message>
        <location filename="../../../../ui/settings.ui" line="51" />
        <source>Minutes before the automatic lock</source>
        <translation>Minutes avant le verrouillage automatique</translation>
    </message>
    <message>
        <location filename="../../../../ui/settings.ui" line="77" />
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../../../../ui/settings.ui" line="83" />
        <source>&amp;Data folder:</source>
        <translation>&amp;Dossier des données :</translation>
    </message>
    <message>
        <location filename="../../../../ui/settings.ui" line="98" />
        <source>Data folder</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <location filename="../../../../ui/settings.ui" line="105" />
        <source>&amp;Use another folder…</source>
        <translation>&amp;Utiliser un autre dossier…</translation>
    </message>
    <message>
        <location filename="../../../../ui/settings.ui" line="117" />
        <source>Another folder holds another store: FieldReport locks this one and opens that folder (or creates a store there). Start the program with --data-dir to open it directly.</source>
        <translation>Un autre dossier contient un autre coffre : FieldReport verrouille celui-ci et ouvre ce dossier (ou y crée un coffre). Lancez le programme avec --data-dir pour l'ouvrir directement.</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message numerus="yes">
        <location filename="../../gui/settings_view.py" line="75" />
        <source>Your organisation allows at most %n minute(s).</source>
        <translation><numerusform>Votre organisation autorise au plus %n minute.</numerusform><numerusform>Votre organisation autorise au plus %n minutes.</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/settings_view.py" line="96" />
        <source>Data folder</source>
        <translation>Dossier des données</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../gui/sync_status.py" line="331" />
        <location filename="../../gui/sync_status.py" line="333" />
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="332" />
        <source>Sync with the relay now (F5)</source>
        <translation>Synchroniser avec le relais maintenant (F5)</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="334" />
        <source>Connection to the relay</source>
        <translation>Connexion au relais</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="335" />
        <source>Items waiting to be sent</source>
        <translation>Éléments en attente d'envoi</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="336" />
        <source>Last sync</source>
        <translation>Dernière synchronisation</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="346" />
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="348" />
        <source>No relay configured</source>
        <translation>Aucun relais configuré</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="350" />
        <source>Not checked yet</source>
        <translation>Pas encore vérifié</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="352" />
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="354" />
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="357" />
        <source>Pending: %1</source>
        <translation>En attente : %1</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="360" />
        <source>Last sync: %1</source>
        <translation>Dernière synchro : %1</translation>
    </message>
    <message>
        <location filename="../../gui/sync_status.py" line="360" />
        <source>Never synced</source>
        <translation>Jamais synchronisé</translation>
    </message>
</context>
<context>
    <name>UnlockView</name>
    <message>
        <location filename="../../gui/unlock_view.py" line="58" />
        <source>FieldReport is locked</source>
        <translation>FieldReport est verrouillé</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="59" />
        <location filename="../../gui/unlock_view.py" line="60" />
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="61" />
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="62" />
        <source>Unlock status</source>
        <translation>État du déverrouillage</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="63" />
        <source>Waiting time</source>
        <translation>Temps d'attente</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/unlock_view.py" line="87" />
        <source>Too many wrong passphrases. Next try in %n second(s).</source>
        <translation><numerusform>Trop de phrases secrètes erronées. Prochain essai dans %n seconde.</numerusform><numerusform>Trop de phrases secrètes erronées. Prochain essai dans %n secondes.</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="100" />
        <source>Type your passphrase.</source>
        <translation>Tapez votre phrase secrète.</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="107" />
        <source>Unlocking…</source>
        <translation>Déverrouillage…</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="125" />
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
</TS>