<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AdminView</name>
    <message numerus="yes">
        <location filename="../ui/admin_view.py" line="+591"/>
        <source>Last contact with the Welcome Center: %1 (%n day(s) ago).</source>
        <translation>
            <numerusform>Last contact with the Welcome Center: %1 (%n day ago).</numerusform>
            <numerusform>Last contact with the Welcome Center: %1 (%n days ago).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../desktop/deskctl/context.py" line="+308"/>
        <source>Encrypted pages: %n problem(s)</source>
        <translation>
            <numerusform>Encrypted pages: %n problem</numerusform>
            <numerusform>Encrypted pages: %n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Database structure: %n problem(s)</source>
        <translation>
            <numerusform>Database structure: %n problem</numerusform>
            <numerusform>Database structure: %n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Foreign keys: %n broken reference(s)</source>
        <translation>
            <numerusform>Foreign keys: %n broken reference</numerusform>
            <numerusform>Foreign keys: %n broken references</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Audit trail: %n event(s), chain intact</source>
        <translation>
            <numerusform>Audit trail: %n event, chain intact</numerusform>
            <numerusform>Audit trail: %n events, chain intact</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Key file: %n problem(s)</source>
        <translation>
            <numerusform>Key file: %n problem</numerusform>
            <numerusform>Key file: %n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n person record(s) past the retention period (%1 years) were erased.</source>
        <translation>
            <numerusform>%n person record past the retention period (%1 years) was erased.</numerusform>
            <numerusform>%n person records past the retention period (%1 years) were erased.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message numerus="yes">
        <location filename="../ui/document_preview.py" line="+473"/>
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n page sent to the printer.</numerusform>
            <numerusform>%n pages sent to the printer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicateWarning</name>
    <message numerus="yes">
        <location filename="../ui/duplicate_warning.py" line="+40"/>
        <source>%n person(s) already registered may be the one you are about to save. If it is one of them, pick them and record the visit for them.</source>
        <translation>
            <numerusform>%n person already registered may be the one you are about to save. If it is them, pick them and record the visit for them.</numerusform>
            <numerusform>%n people already registered may be the one you are about to save. If it is one of them, pick them and record the visit for them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message numerus="yes">
        <location filename="../ui/errors.py" line="+352"/>
        <source>Too many failed attempts. Wait %n minute(s) before trying again.</source>
        <translation>
            <numerusform>Too many failed attempts. Wait %n minute before trying again.</numerusform>
            <numerusform>Too many failed attempts. Wait %n minutes before trying again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Too many failed attempts. Wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>Too many failed attempts. Wait %n second before trying again.</numerusform>
            <numerusform>Too many failed attempts. Wait %n seconds before trying again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/main_window.py" line="+301"/>
        <source>%n referral(s) updated by the Welcome Center</source>
        <translation>
            <numerusform>%n referral updated by the Welcome Center</numerusform>
            <numerusform>%n referrals updated by the Welcome Center</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PersonSearch</name>
    <message numerus="yes">
        <location filename="../ui/person_search.py" line="+226"/>
        <source>%n person(s) found</source>
        <translation>
            <numerusform>%n person found</numerusform>
            <numerusform>%n people found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PersonView</name>
    <message numerus="yes">
        <location filename="../ui/person_view.py" line="+421"/>
        <source>The permit of stay expires in %n day(s).</source>
        <translation>
            <numerusform>The permit of stay expires in %n day.</numerusform>
            <numerusform>The permit of stay expires in %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>A document expires in %n day(s).</source>
        <translation>
            <numerusform>A document expires in %n day.</numerusform>
            <numerusform>A document expires in %n days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message numerus="yes">
        <location filename="../ui/reports_view.py" line="+518"/>
        <source>%n referral(s) closed by the service; median days to close: %1</source>
        <translation>
            <numerusform>%n referral closed by the service; median days to close: %1</numerusform>
            <numerusform>%n referrals closed by the service; median days to close: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message numerus="yes">
        <location filename="../ui/sync_view.py" line="+343"/>
        <location line="+122"/>
        <source>%n change(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n change waiting to be sent.</numerusform>
            <numerusform>%n changes waiting to be sent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message numerus="yes">
        <location filename="../ui/today_view.py" line="+120"/>
        <source>%n visit(s) today</source>
        <translation>
            <numerusform>%n visit today</numerusform>
            <numerusform>%n visits today</numerusform>
        </translation>
    </message>
</context>
</TS>
