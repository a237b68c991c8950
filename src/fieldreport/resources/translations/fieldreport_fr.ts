<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="105" />
        <source>There is no store in this folder. Create one with 'fieldreport init'.</source>
        <translation>Aucun coffre dans ce dossier. Créez-en un avec « fieldreport init ».</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="97" />
        <source>&amp;FieldReport</source>
        <translation>&amp;FieldReport</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="98" />
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="99" />
        <source>&amp;Lock</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="100" />
        <source>&amp;Quick exit (lock and hide)</source>
        <translation>&amp;Sortie rapide (verrouiller et masquer)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="101" />
        <source>&amp;Panic: erase everything…</source>
        <translation>&amp;Panique : tout effacer…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="102" />
        <source>&amp;Find</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="103" />
        <source>&amp;New report</source>
        <translation>&amp;Nouveau rapport</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="115" />
        <location filename="../../gui/main_window.py" line="178" />
        <source>New report</source>
        <translation>Nouveau rapport</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="119" />
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="120" />
        <source>Map</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="121" />
        <source>Outbox &amp;&amp; sync</source>
        <translation>Envois &amp;&amp; synchronisation</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="122" />
        <source>Advisories</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="123" />
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="113" />
        <location filename="../../gui/main_window.py" line="154" />
        <location filename="../../gui/main_window.py" line="157" />
        <source>Coming in a later version.</source>
        <translation>Disponible dans une prochaine version.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/main_window.py" line="167" />
        <source>Recovered %n unsaved draft(s).</source>
        <translation><numerusform>%n brouillon non enregistré récupéré.</numerusform><numerusform>%n brouillons non enregistrés récupérés.</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="178" />
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="193" />
        <source>Report saved.</source>
        <translation>Rapport enregistré.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="232" />
        <source>Erase everything?</source>
        <translation>Tout effacer ?</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="234" />
        <source>This destroys the keys at once: every report on this computer becomes unreadable for ever. Reports already received by headquarters are safe.</source>
        <translation>Cela détruit immédiatement les clés : tous les rapports de cet ordinateur deviennent illisibles pour toujours. Les rapports déjà reçus par le siège ne sont pas touchés.</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../gui/outbox_view.py" line="81" />
        <source>&amp;Export bundle to USB…</source>
        <translation>&amp;Exporter un paquet sur clé USB…</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="82" />
        <source>&amp;Import bundles…</source>
        <translation>&amp;Importer des paquets…</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="83" />
        <source>Apply &amp;receipt…</source>
        <translation>Appliquer un &amp;accusé de réception…</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="85" />
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="85" />
        <source>Revision</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="85" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="85" />
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="87" />
        <source>Outbox</source>
        <translation>Envois</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="126" />
        <source>Waiting to be sent: %1 · sent, awaiting receipt: %2 · received: %3</source>
        <translation>En attente d'envoi : %1 · envoyés, sans accusé : %2 · reçus : %3</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="135" />
        <source>Export bundle</source>
        <translation>Exporter un paquet</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="135" />
        <location filename="../../gui/outbox_view.py" line="173" />
        <source>Bundles (*.frb)</source>
        <translation>Paquets (*.frb)</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="142" />
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="150" />
        <source>Nothing to export: every report was received.</source>
        <translation>Rien à exporter : tous les rapports ont été reçus.</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="153" />
        <source>Bundle written to %1: %2 revision(s).</source>
        <translation>Paquet écrit dans %1 : %2 version(s).</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="173" />
        <source>Import bundles</source>
        <translation>Importer des paquets</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="180" />
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="203" />
        <source>Imported: %1 · already here: %2 · refused: %3</source>
        <translation>Importés : %1 · déjà présents : %2 · refusés : %3</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="225" />
        <source>Apply receipt</source>
        <translation>Appliquer un accusé de réception</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="225" />
        <source>Receipts (*.json)</source>
        <translation>Accusés de réception (*.json)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/outbox_view.py" line="237" />
        <source>%n revision(s) marked received.</source>
        <translation><numerusform>%n version marquée reçue.</numerusform><numerusform>%n versions marquées reçues.</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="262" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="273" />
        <source>Cancelled: nothing was written.</source>
        <translation>Annulé : rien n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../../gui/outbox_view.py" line="275" />
        <source>FieldReport</source>
        <translation>FieldReport</translation>
    </message>
</context>
<context>
    <name>ReportEditorForm</name>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="12" />
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="16" />
        <source>Te&amp;mplate</source>
        <translation>&amp;Modèle</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="22" />
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="27" />
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="33" />
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="38" />
        <source>&amp;Event type</source>
        <translation>Type d'&amp;événement</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="44" />
        <source>Event type</source>
        <translation>Type d'événement</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="49" />
        <source>S&amp;ub-event type</source>
        <translation>So&amp;us-type</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="55" />
        <source>Sub-event type</source>
        <translation>Sous-type</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="60" />
        <source>Se&amp;verity</source>
        <translation>Gra&amp;vité</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="66" />
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="73" />
        <location filename="../../../../ui/report_editor.ui" line="79" />
        <source>Report type</source>
        <translation>Type de rapport</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="87" />
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="91" />
        <source>&amp;Occurred at</source>
        <translation>&amp;Date et heure</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="97" />
        <source>Occurred at</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="99" />
        <source>yyyy-MM-dd HH:mm</source>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="104" />
        <location filename="../../../../ui/report_editor.ui" line="110" />
        <source>Time precision</source>
        <translation>Précision de la date</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="118" />
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="122" />
        <source>&amp;Place</source>
        <translation>Lie&amp;u</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="128" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="133" />
        <source>L&amp;atitude</source>
        <translation>L&amp;atitude</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="139" />
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="144" />
        <source>Lo&amp;ngitude</source>
        <translation>Lo&amp;ngitude</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="150" />
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="155" />
        <source>&amp;Region</source>
        <translation>&amp;Région</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="161" />
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="166" />
        <location filename="../../../../ui/report_editor.ui" line="172" />
        <source>Location type</source>
        <translation>Type de lieu</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="184" />
        <source>Impact</source>
        <translation>Conséquences</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="188" />
        <source>&amp;Killed</source>
        <translation>Tu&amp;és</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="194" />
        <source>Killed</source>
        <translation>Tués</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="201" />
        <location filename="../../../../ui/report_editor.ui" line="207" />
        <source>Injured</source>
        <translation>Blessés</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="214" />
        <location filename="../../../../ui/report_editor.ui" line="220" />
        <source>Abducted</source>
        <translation>Enlevés</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="227" />
        <location filename="../../../../ui/report_editor.ui" line="233" />
        <source>Detained</source>
        <translation>Détenus</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="243" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="247" />
        <source>Sour&amp;ce type</source>
        <translation>Type de sour&amp;ce</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="253" />
        <source>Source type</source>
        <translation>Type de source</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="258" />
        <location filename="../../../../ui/report_editor.ui" line="264" />
        <source>Reliability</source>
        <translation>Fiabilité</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="269" />
        <location filename="../../../../ui/report_editor.ui" line="275" />
        <source>Credibility</source>
        <translation>Crédibilité</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="280" />
        <location filename="../../../../ui/report_editor.ui" line="286" />
        <source>Sharing</source>
        <translation>Partage</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="294" />
        <source>Narrat&amp;ive</source>
        <translation>Réc&amp;it</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="300" />
        <source>Narrative</source>
        <translation>Récit</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="322" />
        <source>Save draft (Ctrl+S)</source>
        <translation>Enregistrer le brouillon (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../../../ui/report_editor.ui" line="327" />
        <source>Finalise (Ctrl+Enter)</source>
        <translation>Finaliser (Ctrl+Entrée)</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <location filename="../../gui/report_model.py" line="46" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="47" />
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="48" />
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="49" />
        <source>Event type</source>
        <translation>Type d'événement</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="50" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="51" />
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="52" />
        <source>Status</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../../gui/reports_view.py" line="61" />
        <source>Search reports (Ctrl+F)</source>
        <translation>Rechercher des rapports (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="62" />
        <source>Search reports</source>
        <translation>Rechercher des rapports</translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="63" />
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/reports_view.py" line="87" />
        <source>%n report(s)</source>
        <translation><numerusform>%n rapport</numerusform><numerusform>%n rapports</numerusform></translation>
    </message>
    <message>
        <location filename="../../gui/reports_view.py" line="91" />
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
</context>
<context>
    <name>UnlockView</name>
    <message>
        <location filename="../../gui/unlock_view.py" line="46" />
        <source>FieldReport is locked</source>
        <translation>FieldReport est verrouillé</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="47" />
        <location filename="../../gui/unlock_view.py" line="48" />
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="49" />
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="50" />
        <source>Unlock status</source>
        <translation>État du déverrouillage</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="66" />
        <source>Type your passphrase.</source>
        <translation>Tapez votre phrase secrète.</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="70" />
        <source>Unlocking…</source>
        <translation>Déverrouillage…</translation>
    </message>
    <message>
        <location filename="../../gui/unlock_view.py" line="85" />
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
</TS>