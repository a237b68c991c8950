<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="95" />
        <source>There is no store in this folder. Create one with 'fieldreport init'.</source>
        <translation>Aucun coffre dans ce dossier. Créez-en un avec « fieldreport init ».</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="88" />
        <source>&amp;FieldReport</source>
        <translation>&amp;FieldReport</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="89" />
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="90" />
        <source>&amp;Lock</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="91" />
        <source>&amp;Quick exit (lock and hide)</source>
        <translation>&amp;Sortie rapide (verrouiller et masquer)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="92" />
        <source>&amp;Panic: erase everything…</source>
        <translation>&amp;Panique : tout effacer…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="93" />
        <source>&amp;Find</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="107" />
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="108" />
        <source>Map</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="109" />
        <source>Outbox &amp;&amp; sync</source>
        <translation>Envois &amp;&amp; synchronisation</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="110" />
        <source>Advisories</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="111" />
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="103" />
        <location filename="../../gui/main_window.py" line="141" />
        <source>Coming in a later version.</source>
        <translation>Disponible dans une prochaine version.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="182" />
        <source>Erase everything?</source>
        <translation>Tout effacer ?</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="184" />
        <source>This destroys the keys at once: every report on this computer becomes unreadable for ever. Reports already received by headquarters are safe.</source>
        <translation>Cela détruit immédiatement les clés : tous les rapports de cet ordinateur deviennent illisibles pour toujours. Les rapports déjà reçus par le siège ne sont pas touchés.</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <location filename="../../gui/report_model.py" line="43" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="44" />
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="45" />
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="46" />
        <source>Event type</source>
        <translation>Type d'événement</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="47" />
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="48" />
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../../gui/report_model.py" line="49" />
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