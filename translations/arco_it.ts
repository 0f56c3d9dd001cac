<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it" sourcelanguage="en">
<context>
    <name>AddOperatorDialog</name>
    <message>
        <location filename="../ui/admin_view.py" line="+167"/>
        <source>Add an operator</source>
        <translation>Aggiungi un operatore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add</source>
        <translation>&amp;Aggiungi</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../ui/setup_wizard.py" line="+90"/>
        <source>First administrator</source>
        <translation>Primo amministratore</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This person manages the operators of the desk. The password needs at least 10 characters and must not be easy to guess: a short sentence of a few words is easy to remember and hard to guess.</source>
        <translation>Questa persona gestisce gli operatori dello sportello. La password deve avere almeno 10 caratteri e non deve essere facile da indovinare: una breve frase di qualche parola è facile da ricordare e difficile da indovinare.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Create the desk</source>
        <translation>&amp;Crea lo sportello</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Creating the desk, please wait</source>
        <translation>Creazione dello sportello in corso, attendere</translation>
    </message>
</context>
<context>
    <name>AdminView</name>
    <message>
        <location filename="../ui/admin_view.py" line="+299"/>
        <source>&lt;h2&gt;Administration&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Amministrazione&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+30"/>
        <source>Operators</source>
        <translation>Operatori</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Login</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since</source>
        <translation>Dal</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Add operator…</source>
        <translation>&amp;Aggiungi operatore…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set &amp;password…</source>
        <translation>Imposta &amp;password…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>D&amp;isable operator</source>
        <translation>&amp;Disattiva operatore</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-&amp;encrypt the store…</source>
        <translation>&amp;Cifra di nuovo l&apos;archivio…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock after minutes without activity</source>
        <translation>Blocca dopo questi minuti di inattività</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Days without synchronising before only administrators can unlock</source>
        <translation>Giorni senza sincronizzazione prima che solo gli amministratori possano sbloccare</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Save</source>
        <translation>&amp;Salva</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lock the desk after:</source>
        <translation>&amp;Blocca lo sportello dopo:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Days this computer may stay without synchronising before only administrators can &amp;unlock it:</source>
        <translation>&amp;Giorni in cui questo computer può restare senza sincronizzarsi prima che solo gli amministratori possano sbloccarlo:</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>active</source>
        <translation>attivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>disabled</source>
        <translation>disattivato</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This computer is not enrolled with the Welcome Center: no limit applies yet.</source>
        <translation>Questo computer non è registrato presso il Welcome Center: per ora non si applica alcun limite.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last contact with the Welcome Center: none yet.</source>
        <translation>Ultimo contatto con il Welcome Center: ancora nessuno.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Last contact with the Welcome Center: %1 (%n day(s) ago).</source>
        <translation>
            <numerusform>Ultimo contatto con il Welcome Center: %1 (%n giorno fa).</numerusform>
            <numerusform>Ultimo contatto con il Welcome Center: %1 (%n giorni fa).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Operator %1 added.</source>
        <translation>Operatore %1 aggiunto.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select an operator in the list first.</source>
        <translation>Prima seleziona un operatore nell&apos;elenco.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is disabled: a disabled operator cannot sign in.</source>
        <translation>%1 è disattivato: un operatore disattivato non può accedere.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The password of %1 was changed.</source>
        <translation>La password di %1 è stata cambiata.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Disable operator</source>
        <translation>Disattiva operatore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable %1? They will no longer be able to sign in at this desk.</source>
        <translation>Disattivare %1? Non potrà più accedere a questo sportello.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Operator %1 disabled.</source>
        <translation>Operatore %1 disattivato.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Re-encrypt the store</source>
        <translation>Cifra di nuovo l&apos;archivio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re-encrypt the store now so that copies of the key file %1 may have kept no longer open it? Everyone else keeps their password.</source>
        <translation>Cifrare di nuovo l&apos;archivio adesso, così che le copie del file delle chiavi che %1 potrebbe aver conservato non lo aprano più? Tutti gli altri mantengono la propria password.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Re-encrypt…</source>
        <translation>&amp;Cifra di nuovo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Later</source>
        <translation>&amp;Più tardi</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The store was re-encrypted.</source>
        <translation>L&apos;archivio è stato cifrato di nuovo.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Settings saved.</source>
        <translation>Impostazioni salvate.</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <location filename="../ui/setup_wizard.py" line="+108"/>
        <source>Connect to the Welcome Center (optional)</source>
        <translation>Collegamento al Welcome Center (facoltativo)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With the one-time code the Welcome Center gave you, this desk sends its referrals and receives their outcome. You can also do it later from the Sync section.</source>
        <translation>Con il codice monouso ricevuto dal Welcome Center, questo sportello invia i suoi invii e ne riceve l&apos;esito. Si può fare anche più tardi dalla sezione Sincronizzazione.</translation>
    </message>
</context>
<context>
    <name>ConsultationsView</name>
    <message>
        <location filename="../ui/consultations_view.py" line="+98"/>
        <source>&lt;h2&gt;Legal consultations&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Consulenze legali&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+191"/>
        <source>Search for the person, then press Enter.</source>
        <translation>Cerca la persona, poi premi Invio.</translation>
    </message>
    <message>
        <location line="-189"/>
        <source>Person of the consultation</source>
        <translation>Persona della consulenza</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+46"/>
        <source>Topic</source>
        <translation>Argomento</translation>
    </message>
    <message>
        <location line="-44"/>
        <location line="+44"/>
        <source>Question</source>
        <translation>Domanda</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Advice given</source>
        <translation>Consiglio dato</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Escalate to second-level legal advice</source>
        <translation>&amp;Passa alla consulenza legale di secondo livello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalate to second-level legal advice</source>
        <translation>Passa alla consulenza legale di secondo livello</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason for escalation</source>
        <translation>Motivo del passaggio al secondo livello</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Topic</source>
        <translation>&amp;Argomento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Question</source>
        <translation>&amp;Domanda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Advice</source>
        <translation>&amp;Consiglio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>O&amp;utcome</source>
        <translation>&amp;Esito</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reason for escalation</source>
        <translation>&amp;Motivo del passaggio</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save consultation (Ctrl+S)</source>
        <translation>Salva la consulenza (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Consultation status</source>
        <translation>Stato della consulenza</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consultations of the person</source>
        <translation>Consulenze della persona</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Consultation with %1</source>
        <translation>Consulenza con %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Choose the person first.</source>
        <translation>Scegli prima la persona.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Consultation saved.</source>
        <translation>Consulenza salvata.</translation>
    </message>
</context>
<context>
    <name>CountryCompleter</name>
    <message>
        <location filename="../ui/country_completer.py" line="+35"/>
        <source>Countries</source>
        <translation>Paesi</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../desktop/deskctl/context.py" line="+308"/>
        <source>Encrypted pages: %n problem(s)</source>
        <translation>
            <numerusform>Pagine cifrate: %n problema</numerusform>
            <numerusform>Pagine cifrate: %n problemi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Database structure: %n problem(s)</source>
        <translation>
            <numerusform>Struttura del database: %n problema</numerusform>
            <numerusform>Struttura del database: %n problemi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Foreign keys: %n broken reference(s)</source>
        <translation>
            <numerusform>Riferimenti tra tabelle (chiavi esterne): %n riferimento interrotto</numerusform>
            <numerusform>Riferimenti tra tabelle (chiavi esterne): %n riferimenti interrotti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Audit trail: %n event(s), chain intact</source>
        <translation>
            <numerusform>Registro delle attività: %n evento, catena integra</numerusform>
            <numerusform>Registro delle attività: %n eventi, catena integra</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Key file: %n problem(s)</source>
        <translation>
            <numerusform>File delle chiavi: %n problema</numerusform>
            <numerusform>File delle chiavi: %n problemi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n person record(s) past the retention period (%1 years) were erased.</source>
        <translation>
            <numerusform>È stata cancellata %n scheda oltre il periodo di conservazione (%1 anni).</numerusform>
            <numerusform>Sono state cancellate %n schede oltre il periodo di conservazione (%1 anni).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DataExportPreview</name>
    <message>
        <location filename="../ui/documents.py" line="+109"/>
        <source>Save &amp;JSON…</source>
        <translation>Salva &amp;JSON…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The same data in a machine-readable file, for another service or system</source>
        <translation>Gli stessi dati in un file leggibile da un programma, per un altro servizio o sistema</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save the data as JSON</source>
        <translation>Salva i dati in JSON</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON files (*.json)</source>
        <translation>File JSON (*.json)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saving…</source>
        <translation>Salvataggio in corso…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Saved as %1.</source>
        <translation>Salvato come %1.</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../desktop/app.py" line="+91"/>
        <source>ARCO Desk is already open for the data folder %1. Use the window that is already open (it may be locked or minimised).</source>
        <translation>ARCO Desk è già aperto per la cartella dati %1. Usa la finestra già aperta (potrebbe essere bloccata o ridotta a icona).</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Self-test refused: the folder %1 is not empty.</source>
        <translation>Autotest rifiutato: la cartella %1 non è vuota.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Self-test FAILED: %1</source>
        <translation>Autotest NON RIUSCITO: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Self-test passed: store created, unlocked, written, read back and locked.</source>
        <translation>Autotest riuscito: archivio creato, sbloccato, scritto, riletto e bloccato.</translation>
    </message>
    <message>
        <location line="+126"/>
        <location line="+43"/>
        <location line="+6"/>
        <source>ARCO Desk</source>
        <translation>ARCO Desk</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>The administrator of the Welcome Center asked for this computer&apos;s data to be erased, and it has been: the desk store and its backups on this computer are gone. To use this computer again, set up a new desk.</source>
        <translation>L&apos;amministratore del Welcome Center ha chiesto di cancellare i dati di questo computer, e sono stati cancellati: l&apos;archivio dello sportello e i suoi backup su questo computer non ci sono più. Per usare di nuovo questo computer, configura un nuovo sportello.</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <location filename="../ui/setup_wizard.py" line="-177"/>
        <source>Which desk is this?</source>
        <translation>Quale sportello è questo?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the desk where this computer is used. It cannot be changed later.</source>
        <translation>Scegli lo sportello in cui si usa questo computer. Non si potrà cambiare in seguito.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Desk</source>
        <translation>Sportello</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — %2, Municipio %3</source>
        <translation>%1 — %2, Municipio %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Desk:</source>
        <translation>&amp;Sportello:</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <location filename="../ui/document_preview.py" line="+144"/>
        <source>Italian</source>
        <translation>Italiano</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>Inglese</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>French</source>
        <translation>Francese</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spanish</source>
        <translation>Spagnolo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arabic</source>
        <translation>Arabo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bengali</source>
        <translation>Bengalese</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese</source>
        <translation>Cinese</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urdu</source>
        <translation>Urdu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language of the document</source>
        <translation>Lingua del documento</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Language:</source>
        <translation>&amp;Lingua:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pre&amp;vious page</source>
        <translation>Pagina pr&amp;ecedente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ne&amp;xt page</source>
        <translation>Pagina s&amp;uccessiva</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Page number</source>
        <translation>Numero di pagina</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Pages of the document</source>
        <translation>Pagine del documento</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Document status</source>
        <translation>Stato del documento</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Print… (Ctrl+P)</source>
        <translation>&amp;Stampa… (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save as PDF… (Ctrl+S)</source>
        <translation>Salva come P&amp;DF… (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close (Esc)</source>
        <translation>&amp;Chiudi (Esc)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Preparing the document…</source>
        <translation>Preparazione del documento…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Page %1</source>
        <translation>Pagina %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Page %1 of %2</source>
        <translation>Pagina %1 di %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save as PDF</source>
        <translation>Salva come PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documenti PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saving…</source>
        <translation>Salvataggio in corso…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saved as %1.</source>
        <translation>Salvato come %1.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Print</source>
        <translation>Stampa</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The printer could not be started. Check that it is on.</source>
        <translation>Impossibile avviare la stampante. Controlla che sia accesa.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n pagina inviata alla stampante.</numerusform>
            <numerusform>%n pagine inviate alla stampante.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Printing page %1 of %2…</source>
        <translation>Stampa della pagina %1 di %2…</translation>
    </message>
</context>
<context>
    <name>DocumentRow</name>
    <message>
        <location filename="../ui/intake_lists.py" line="+152"/>
        <source>Type of document %1</source>
        <translation>Tipo del documento %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of document %1</source>
        <translation>Numero del documento %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer of document %1</source>
        <translation>Ente di rilascio del documento %1</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>dd/mm/yyyy</source>
        <translation>gg/mm/aaaa</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Expiry of document %1</source>
        <translation>Scadenza del documento %1</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by</source>
        <translation>Rilasciato da</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expiry</source>
        <translation>Scadenza</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <location filename="../ui/documents.py" line="-104"/>
        <source>Referral slip</source>
        <translation>Foglio di invio</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Privacy notice</source>
        <translation>Informativa sulla privacy</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Data export</source>
        <translation>Esportazione dei dati</translation>
    </message>
</context>
<context>
    <name>DuplicateWarning</name>
    <message>
        <location filename="../ui/duplicate_warning.py" line="+37"/>
        <source>Already registered?</source>
        <translation>Già registrata?</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n person(s) already registered may be the one you are about to save. If it is one of them, pick them and record the visit for them.</source>
        <translation>
            <numerusform>%n persona già registrata potrebbe essere quella che stai per salvare. Se è lei, sceglila e registra l&apos;accesso per lei.</numerusform>
            <numerusform>%n persone già registrate potrebbero essere quella che stai per salvare. Se è una di loro, sceglila e registra l&apos;accesso per lei.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Year of birth</source>
        <translation>Anno di nascita</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Perché</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People already registered</source>
        <translation>Persone già registrate</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Same person: record the visit</source>
        <translation>&amp;Stessa persona: registra l&apos;accesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Different person: save as new</source>
        <translation>Persona &amp;diversa: salva come nuova</translation>
    </message>
</context>
<context>
    <name>EnrolForm</name>
    <message>
        <location filename="../ui/sync_enrol.py" line="+44"/>
        <source>Enrol this computer</source>
        <translation>Registra questo computer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>optional</source>
        <translation>facoltativo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Allow plain &amp;HTTP (not encrypted)</source>
        <translation>Consenti &amp;HTTP semplice (non cifrato)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plain HTTP sends personal data unencrypted. Use it only for tests or on a network you fully trust; addresses on this computer (127.0.0.1) never need it.</source>
        <translation>L&apos;HTTP semplice invia i dati personali senza cifratura. Usalo solo per prove o su una rete di cui ti fidi pienamente; gli indirizzi su questo computer (127.0.0.1) non ne hanno mai bisogno.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Enrol</source>
        <translation>&amp;Registra</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Bro&amp;wse…</source>
        <translation>S&amp;foglia…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Server add&amp;ress:</source>
        <translation>&amp;Indirizzo del server:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolment &amp;code:</source>
        <translation>&amp;Codice di registrazione:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA certificate file:</source>
        <translation>File del certificato CA:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>CA certificate file</source>
        <translation>File del certificato CA</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificati (*.pem *.crt *.cer);;Tutti i file (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Enter the server address and the enrolment code.</source>
        <translation>Inserisci l&apos;indirizzo del server e il codice di registrazione.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enrolling…</source>
        <translation>Registrazione in corso…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This computer is enrolled.</source>
        <translation>Questo computer è registrato.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../ui/errors.py" line="+38"/>
        <source>view people&apos;s records</source>
        <translation>vedere le schede delle persone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change people&apos;s records</source>
        <translation>modificare le schede delle persone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>create or change referrals</source>
        <translation>creare o modificare gli invii ai servizi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record consent</source>
        <translation>registrare i consensi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>see legal consultations</source>
        <translation>vedere le consulenze legali</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read or write legal consultation notes</source>
        <translation>leggere o scrivere le note delle consulenze legali</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read the audit trail</source>
        <translation>consultare il registro delle attività</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>see the indicators</source>
        <translation>vedere gli indicatori</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>export a person&apos;s data</source>
        <translation>esportare i dati di una persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>erase a person&apos;s data</source>
        <translation>cancellare i dati di una persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete records past the retention period</source>
        <translation>cancellare i dati oltre il periodo di conservazione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change the reference lists</source>
        <translation>modificare gli elenchi di riferimento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>check the database</source>
        <translation>controllare il database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>make backups</source>
        <translation>fare i backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>restore a backup</source>
        <translation>ripristinare un backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change the database key</source>
        <translation>cambiare la chiave del database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manage operators</source>
        <translation>gestire gli operatori</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>synchronise with the Welcome Center</source>
        <translation>sincronizzare con il Welcome Center</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enrol this computer with the Welcome Center</source>
        <translation>registrare questo computer presso il Welcome Center</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decide synchronisation conflicts</source>
        <translation>decidere i conflitti di sincronizzazione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merge duplicate people</source>
        <translation>unire persone registrate due volte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>login</source>
        <translation>nome utente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password</source>
        <translation>password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recovery key</source>
        <translation>chiave di recupero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>role</source>
        <translation>ruolo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>desk</source>
        <translation>sportello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>display name</source>
        <translation>nome visualizzato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>given name</source>
        <translation>nome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>family name</source>
        <translation>cognome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sex</source>
        <translation>sesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date of birth</source>
        <translation>data di nascita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>year of birth</source>
        <translation>anno di nascita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>country of birth</source>
        <translation>paese di nascita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>citizenship</source>
        <translation>cittadinanza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>languages spoken</source>
        <translation>lingue parlate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>language</source>
        <translation>lingua</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>preferred language</source>
        <translation>lingua preferita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>phone</source>
        <translation>telefono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>address</source>
        <translation>indirizzo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipio</source>
        <translation>Municipio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>arrival date</source>
        <translation>data di arrivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>legal status</source>
        <translation>status giuridico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>permit expiry date</source>
        <translation>scadenza del permesso di soggiorno</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>person</source>
        <translation>persona</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>relationship</source>
        <translation>grado di parentela</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>document type</source>
        <translation>tipo di documento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>number</source>
        <translation>numero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>issue date</source>
        <translation>data di rilascio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expiry date</source>
        <translation>data di scadenza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>codice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>channel of access</source>
        <translation>canale di accesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>service</source>
        <translation>servizio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>urgency</source>
        <translation>urgenza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status</source>
        <translation>stato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>appointment</source>
        <translation>appuntamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due date</source>
        <translation>scadenza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>topic</source>
        <translation>argomento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>purpose</source>
        <translation>finalità</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>notes</source>
        <translation>note</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>retention period</source>
        <translation>periodo di conservazione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>given name in Latin letters</source>
        <translation>nome in caratteri latini</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>family name in Latin letters</source>
        <translation>cognome in caratteri latini</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lives in</source>
        <translation>vive in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>country</source>
        <translation>paese</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dependent</source>
        <translation>a carico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>linked person</source>
        <translation>persona collegata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>issued by</source>
        <translation>rilasciato da</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>visit</source>
        <translation>accesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>need</source>
        <translation>bisogno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>legal consultation</source>
        <translation>consulenza legale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>description</source>
        <translation>descrizione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>note</source>
        <translation>nota</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outcome</source>
        <translation>esito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>question</source>
        <translation>domanda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>advice given</source>
        <translation>parere fornito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>escalation</source>
        <translation>invio al secondo livello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reason for escalation</source>
        <translation>motivo dell&apos;invio al secondo livello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>place of the appointment</source>
        <translation>luogo dell&apos;appuntamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mediator called</source>
        <translation>mediatore chiamato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>legal basis</source>
        <translation>base giuridica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>privacy notice version</source>
        <translation>versione dell&apos;informativa privacy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days without synchronising</source>
        <translation>giorni senza sincronizzazione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>period</source>
        <translation>periodo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>people to reach</source>
        <translation>persone da raggiungere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start of the project</source>
        <translation>inizio del progetto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>length of the project</source>
        <translation>durata del progetto</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>need no. %1</source>
        <translation>bisogno n. %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>household member no. %1</source>
        <translation>familiare n. %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>document no. %1</source>
        <translation>documento n. %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>consent no. %1</source>
        <translation>consenso n. %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <source>is not valid</source>
        <translation>non è valido</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>is required</source>
        <translation>è obbligatorio</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>is not one of the allowed values</source>
        <translation>non è tra i valori ammessi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is too long</source>
        <translation>è troppo lungo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is too short</source>
        <translation>è troppo corto</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>is already in use</source>
        <translation>è già in uso</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>is not in the expected format</source>
        <translation>non è nel formato previsto</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>cannot be in the future</source>
        <translation>non può essere nel futuro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot be in the past</source>
        <translation>non può essere nel passato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is out of the allowed range</source>
        <translation>è fuori dall&apos;intervallo ammesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is too small</source>
        <translation>è troppo piccolo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>contains characters that are not allowed</source>
        <translation>contiene caratteri non ammessi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must be written in Latin letters</source>
        <translation>va scritto in caratteri latini</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is not allowed here</source>
        <translation>non è ammesso qui</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refers to a record that does not exist</source>
        <translation>rimanda a una scheda che non esiste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot be before 1900</source>
        <translation>non può essere precedente al 1900</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot be before the date of birth</source>
        <translation>non può essere precedente alla data di nascita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot be before the issue date</source>
        <translation>non può essere precedente alla data di rilascio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>does not match the date of birth</source>
        <translation>non corrisponde alla data di nascita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is already closed</source>
        <translation>è già chiuso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is not a whole number</source>
        <translation>non è un numero intero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is not an Italian tax code (16 letters and digits in the right places)</source>
        <translation>non è un codice fiscale italiano (16 lettere e cifre nelle posizioni giuste)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>does not add up: a letter or digit of the tax code was mistyped</source>
        <translation>non torna: una lettera o una cifra del codice fiscale è stata scritta male</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot be restored from a conflict (the desk does not set it): keep the value</source>
        <translation>non può essere ripristinato da un conflitto (non lo imposta lo sportello): mantieni il valore</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>in less than a minute</source>
        <translation>in meno di un minuto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in a few minutes</source>
        <translation>in pochi minuti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in a few hours</source>
        <translation>in poche ore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in a few days</source>
        <translation>in pochi giorni</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in a few months</source>
        <translation>in pochi mesi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in a few years</source>
        <translation>in pochi anni</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only in centuries</source>
        <translation>solo in secoli</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It contains your login, your name or the desk&apos;s name.</source>
        <translation>Contiene il tuo nome utente, il tuo nome o il nome dello sportello.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It is one of the most used passwords, or close to one.</source>
        <translation>È una delle password più usate, o molto simile a una di esse.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows of neighbouring keys, like qwerty, are among the first guesses.</source>
        <translation>I tasti vicini in fila, come qwerty, sono tra i primi tentativi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeated letters or words, like aaa or abcabc, are easy to guess.</source>
        <translation>Lettere o parole ripetute, come aaa o abcabc, sono facili da indovinare.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sequences like abc or 1234 are easy to guess.</source>
        <translation>Le sequenze come abc o 1234 sono facili da indovinare.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates and years are easy to guess.</source>
        <translation>Date e anni sono facili da indovinare.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First names and surnames are easy to guess.</source>
        <translation>Nomi e cognomi sono facili da indovinare.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A common word on its own is easy to guess.</source>
        <translation>Una parola comune da sola è facile da indovinare.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No desk store was found in the data folder, or its database file is missing. Check the folder; if the database file is missing, restore it from a backup.</source>
        <translation>Nella cartella dei dati non c&apos;è l&apos;archivio dello sportello, oppure manca il file del database. Controlla la cartella; se manca il file del database, ripristinalo da un backup.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A desk store already exists at this location. Nothing was overwritten.</source>
        <translation>In questa posizione esiste già un archivio dello sportello. Non è stato sovrascritto nulla.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The key file (desk.keys.json) is missing from the data folder, so the database cannot be opened. Put the key file back or restore the store from a backup.</source>
        <translation>Nella cartella dei dati manca il file delle chiavi (desk.keys.json): senza di esso il database non si può aprire. Rimetti al suo posto il file delle chiavi oppure ripristina l&apos;archivio da un backup.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The key file (desk.keys.json) is damaged or is not an ARCO Desk key file. Restore it from a backup.</source>
        <translation>Il file delle chiavi (desk.keys.json) è danneggiato oppure non è un file delle chiavi di ARCO Desk. Ripristinalo da un backup.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The key file (desk.keys.json) has been changed by something other than ARCO Desk (a key slot removed, added or altered), so the desk was not opened. Nothing was changed. Restore the key file from a backup and contact technical support.</source>
        <translation>Il file delle chiavi (desk.keys.json) è stato modificato da qualcosa che non è ARCO Desk (uno slot di chiave tolto, aggiunto o alterato), quindi l&apos;archivio non è stato aperto. Non è stato cambiato nulla. Ripristina il file delle chiavi da un backup e contatta l&apos;assistenza tecnica.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The key file was written by a newer version of ARCO Desk. Update the application to open it.</source>
        <translation>Il file delle chiavi è stato scritto da una versione più recente di ARCO Desk. Aggiorna il programma per aprirlo.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wrong password. Check Caps Lock and the keyboard layout, then try again.</source>
        <translation>Password errata. Controlla il tasto Bloc Maiusc e la lingua della tastiera, poi riprova.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The recovery key is not correct. Type it exactly as it was printed (dashes, spaces and upper or lower case do not matter).</source>
        <translation>La chiave di recupero non è corretta. Scrivila esattamente come è stampata (trattini, spazi, maiuscole e minuscole non contano).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No operator with this login can sign in at this desk. Check the login; if the account was disabled, ask an administrator.</source>
        <translation>Nessun operatore con questo nome utente può accedere a questo sportello. Controlla il nome utente; se l&apos;account è stato disattivato, rivolgiti a un amministratore.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This operator account is disabled. Ask an administrator.</source>
        <translation>Questo account operatore è disattivato. Rivolgiti a un amministratore.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The Welcome Center revoked this computer, so no password opens the desk data any more. An administrator who has the desk&apos;s recovery key can reset their own password (arco-deskctl operator passwd LOGIN --recovery-key-stdin), sign in, and then enrol the desk again with a new code from the Welcome Center.</source>
        <translation>Il Welcome Center ha revocato questo computer, quindi nessuna password apre più i dati dello sportello. Un amministratore che ha la chiave di recupero dello sportello può reimpostare la propria password (arco-deskctl operator passwd LOGIN --recovery-key-stdin), accedere e poi registrare di nuovo lo sportello con un nuovo codice del Welcome Center.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This computer has not synchronised with the Welcome Center for %1 days (the limit for this desk: %2), so only an administrator can unlock it now. Ask an administrator to sign in here, which allows another period, or to reset your password with the recovery key.</source>
        <translation>Questo computer non si sincronizza con il Welcome Center da %1 giorni (il limite per questo sportello: %2), quindi ora solo un amministratore può sbloccarlo. Chiedi a un amministratore di accedere qui, così si apre un nuovo periodo, oppure di reimpostare la tua password con la chiave di recupero.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your account does not hold the legal key of this desk yet, so consultations cannot be written or read here. Ask another legal advisor to sign in at this computer (their sign-in shares it with you), or an administrator to reset your password with the recovery key; then sign in again.</source>
        <translation>Il tuo account non ha ancora la chiave delle consulenze legali di questo sportello, quindi qui non si possono scrivere né leggere le consulenze. Chiedi a un altro consulente legale di accedere su questo computer (accedendo la condivide con te), oppure a un amministratore di reimpostare la tua password con la chiave di recupero; poi accedi di nuovo.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Too many failed attempts. Wait %n minute(s) before trying again.</source>
        <translation>
            <numerusform>Troppi tentativi non riusciti. Attendi %n minuto prima di riprovare.</numerusform>
            <numerusform>Troppi tentativi non riusciti. Attendi %n minuti prima di riprovare.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Too many failed attempts. Wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>Troppi tentativi non riusciti. Attendi %n secondo prima di riprovare.</numerusform>
            <numerusform>Troppi tentativi non riusciti. Attendi %n secondi prima di riprovare.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The database is damaged or has been altered, so it was not opened. Nothing was changed. Restore the latest backup, or ask technical support for help.</source>
        <translation>Il database è danneggiato o è stato alterato, perciò non è stato aperto. Non è stato modificato nulla. Ripristina il backup più recente oppure chiedi aiuto all&apos;assistenza tecnica.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recent changes are missing from the database: its journal file (desk.db-wal) is damaged, cut short, deleted or older than the database. The desk was not opened and nothing was changed. Do not delete any file: restore the latest backup, or ask technical support for help.</source>
        <translation>Nel database mancano modifiche recenti: il suo file di giornale (desk.db-wal) è danneggiato, troncato, cancellato o più vecchio del database. Lo sportello non è stato aperto e nulla è stato modificato. Non cancellare alcun file: ripristina l&apos;ultimo backup o chiedi aiuto all&apos;assistenza tecnica.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The database&apos;s journal file (desk.db-wal) is damaged or belongs to another desk store, so it was not applied and the desk was not opened. Nothing was changed. Ask technical support for help, or restore the latest backup.</source>
        <translation>Il file di giornale del database (desk.db-wal) è danneggiato o appartiene a un altro archivio dello sportello: non è stato applicato e lo sportello non è stato aperto. Nulla è stato modificato. Chiedi aiuto all&apos;assistenza tecnica o ripristina l&apos;ultimo backup.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The journal seal (desk.journal.json) is missing or has been altered, so recent changes cannot be vouched for and the desk was not opened. Nothing was changed. Restore the latest backup, or ask technical support for help.</source>
        <translation>Il sigillo del giornale (desk.journal.json) manca o è stato alterato: le modifiche recenti non possono essere garantite e lo sportello non è stato aperto. Nulla è stato modificato. Ripristina l&apos;ultimo backup o chiedi aiuto all&apos;assistenza tecnica.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database was written by a newer version of ARCO Desk. Update the application to open it.</source>
        <translation>Il database è stato scritto da una versione più recente di ARCO Desk. Aggiorna il programma per aprirlo.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The desk store is locked. Sign in again to continue.</source>
        <translation>L&apos;archivio dello sportello è bloccato. Accedi di nuovo per continuare.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The password is too short: use at least %1 characters.</source>
        <translation>La password è troppo corta: usa almeno %1 caratteri.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The password is too long: use at most %1 characters.</source>
        <translation>La password è troppo lunga: usa al massimo %1 caratteri.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This password is too easy to guess.</source>
        <translation>Questa password è troppo facile da indovinare.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A password-guessing program could find it %1.</source>
        <translation>Un programma che prova le password potrebbe trovarla %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose another one: a short sentence of four or five words that only you know is easy to remember and hard to guess.</source>
        <translation>Scegline un&apos;altra: una breve frase di quattro o cinque parole che conosci solo tu è facile da ricordare e difficile da indovinare.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This password is not strong enough.</source>
        <translation>Questa password non è abbastanza sicura.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The backup did not succeed: the copy is missing, incomplete or failed its check. A backup is two files (.db and .keys.json) that must stay together. The desk store itself was not changed.</source>
        <translation>Il backup non è riuscito: la copia manca, è incompleta o non ha superato il controllo. Un backup è formato da due file (.db e .keys.json) che devono restare insieme. L&apos;archivio dello sportello non è stato modificato.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your role (%1) does not allow this action.</source>
        <translation>Il tuo ruolo (%1) non consente questa operazione.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your role (%1) does not allow you to %2.</source>
        <translation>Il tuo ruolo (%1) non consente di %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No person with id %1 was found at this desk.</source>
        <translation>In questo sportello non c&apos;è nessuna persona con ID %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No referral with id %1 was found at this desk.</source>
        <translation>In questo sportello non c&apos;è nessun invio con ID %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No operator with login %1 was found.</source>
        <translation>Non esiste nessun operatore con nome utente %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The requested record (%1) was not found.</source>
        <translation>La scheda richiesta (%1) non è stata trovata.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The end of the period comes before its start.</source>
        <translation>La fine del periodo viene prima del suo inizio.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A period may be ten years at most.</source>
        <translation>Un periodo può durare al massimo dieci anni.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A login may contain only letters, digits, dots, dashes and underscores, up to 64 characters.</source>
        <translation>Il nome utente può contenere solo lettere, cifre, punti, trattini e trattini bassi, fino a 64 caratteri.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An operator with this login already exists.</source>
        <translation>Esiste già un operatore con questo nome utente.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You cannot disable your own account: ask another administrator.</source>
        <translation>Non puoi disattivare il tuo stesso account: chiedi a un altro amministratore.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This computer was revoked: the recovery key can reset only an administrator&apos;s password. Choose an administrator&apos;s login.</source>
        <translation>Questo computer è stato revocato: la chiave di recupero può reimpostare solo la password di un amministratore. Scegli il nome utente di un amministratore.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The recovery key cannot be replaced yet: only the current one holds the key of the legal consultations. Ask a legal advisor to sign in at this computer first, or keep the recovery key.</source>
        <translation>La chiave di recupero non si può ancora sostituire: solo quella attuale contiene la chiave delle consulenze legali. Chiedi prima a un consulente legale di accedere su questo computer, oppure mantieni la chiave di recupero.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The days without synchronising must be between %1 and %2.</source>
        <translation>I giorni senza sincronizzazione devono essere compresi tra %1 e %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unknown role. Choose one of: %1.</source>
        <translation>Ruolo sconosciuto. Scegli tra: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown desk. Choose one of: %1.</source>
        <translation>Sportello sconosciuto. Scegli tra: %1.</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Choose a person already registered or enter a new one, not both.</source>
        <translation>Scegli una persona già registrata oppure inseriscine una nuova, non entrambe le cose.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter at least a given name or a family name.</source>
        <translation>Inserisci almeno il nome o il cognome.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This consultation has already been passed on to the second level.</source>
        <translation>Questa consulenza è già stata inviata al secondo livello.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This conflict has already been decided, here or at another computer.</source>
        <translation>Questo conflitto è già stato deciso, qui o su un altro computer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These two people have already been decided on, here or elsewhere.</source>
        <translation>Su queste due persone è già stata presa una decisione, qui o altrove.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This desk has already approved this merge: it waits for the other desk.</source>
        <translation>Questo sportello ha già approvato questa unione: si attende l&apos;altro sportello.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The other side asked to keep the other person. Approve the merge into that person, or say they are not the same person.</source>
        <translation>L&apos;altra parte ha chiesto di tenere l&apos;altra persona. Approva l&apos;unione in quella persona, oppure indica che non sono la stessa persona.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose one of the two people to keep when merging.</source>
        <translation>Nell&apos;unione, scegli una delle due persone da tenere.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The preferred language must be one of the languages spoken.</source>
        <translation>La lingua preferita deve essere una delle lingue parlate.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>A person cannot be listed in their own household.</source>
        <translation>Una persona non può comparire tra i propri familiari.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The field “%1” was not accepted (%2).</source>
        <translation>Il campo «%1» non è stato accettato (%2).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The field “%1” %2.</source>
        <translation>Il campo «%1» %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This referral cannot go from “%1” to “%2”.</source>
        <translation>Questo invio non può passare da «%1» a «%2».</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The status “%1” is recorded by the service that receives the referral (Milano Welcome Center), not by the desk. It reaches this desk at the next synchronisation.</source>
        <translation>Lo stato «%1» lo registra il servizio che riceve l&apos;invio (Milano Welcome Center), non lo sportello. Arriva a questo sportello con la prossima sincronizzazione.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The person&apos;s consent to %1 is needed first. Record the consent, then try again.</source>
        <translation>Serve prima il consenso della persona %1. Registra il consenso e riprova.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The processing of this person&apos;s data is restricted at their request (GDPR art. 18): nothing new can be recorded for them. Ask a coordinator.</source>
        <translation>Il trattamento dei dati di questa persona è limitato su sua richiesta (art. 18 GDPR): non si può registrare nulla di nuovo. Rivolgiti a un coordinatore.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The change was refused because it would not be sent to the Welcome Center. This is a program error: please report it to technical support.</source>
        <translation>La modifica è stata rifiutata perché non verrebbe inviata al Welcome Center. È un errore del programma: segnalalo all&apos;assistenza tecnica.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The audit trail is broken at event %1: records may have been altered or removed. Stop working on this desk store and contact technical support.</source>
        <translation>Il registro delle attività è interrotto all&apos;evento %1: alcuni dati potrebbero essere stati alterati o rimossi. Smetti di lavorare su questo archivio e contatta l&apos;assistenza tecnica.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is a problem with the desk store. Nothing was changed.</source>
        <translation>C&apos;è un problema con l&apos;archivio dello sportello. Non è stato modificato nulla.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The operation was refused.</source>
        <translation>L&apos;operazione è stata rifiutata.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The operation could not be completed.</source>
        <translation>Non è stato possibile completare l&apos;operazione.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The disk is full. Free some space and try again.</source>
        <translation>Il disco è pieno. Libera un po&apos; di spazio e riprova.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file already exists; nothing was overwritten: %1</source>
        <translation>Il file esiste già; non è stato sovrascritto nulla: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File or folder not found: %1</source>
        <translation>File o cartella non trovati: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The system refused access to: %1</source>
        <translation>Il sistema ha negato l&apos;accesso a: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A file could not be read or written: %1</source>
        <translation>Non è stato possibile leggere o scrivere un file: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A file could not be read or written.</source>
        <translation>Non è stato possibile leggere o scrivere un file.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Interrupted.</source>
        <translation>Interrotto.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>An unexpected error occurred (%1). Write down what you were doing and contact technical support.</source>
        <translation>Si è verificato un errore imprevisto (%1). Annota che cosa stavi facendo e contatta l&apos;assistenza tecnica.</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <location filename="../ui/formats.py" line="+72"/>
        <source>(sealed on another computer of this desk)</source>
        <translation>(cifrato su un altro computer di questo sportello)</translation>
    </message>
</context>
<context>
    <name>HouseholdRow</name>
    <message>
        <location filename="../ui/intake_lists.py" line="-36"/>
        <source>Relationship of relative %1</source>
        <translation>Parentela del familiare %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name of relative %1</source>
        <translation>Nome del familiare %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name of relative %1</source>
        <translation>Cognome del familiare %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year of birth of relative %1</source>
        <translation>Anno di nascita del familiare %1</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>In Italy</source>
        <translation>In Italia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abroad</source>
        <translation>All&apos;estero</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Where relative %1 lives</source>
        <translation>Dove vive il familiare %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country of relative %1 (code, e.g. EG)</source>
        <translation>Paese del familiare %1 (codice, es. EG)</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Dependent</source>
        <translation>A carico</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Relative %1 is dependent</source>
        <translation>Il familiare %1 è a carico</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Relationship</source>
        <translation>Parentela</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year of birth</source>
        <translation>Anno di nascita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lives</source>
        <translation>Vive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>Paese</translation>
    </message>
</context>
<context>
    <name>IntakeRows</name>
    <message>
        <location line="-53"/>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
</context>
<context>
    <name>IntakeView</name>
    <message>
        <location filename="../ui/intake_view.py" line="+85"/>
        <source>&lt;h2&gt;Intake&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Accoglienza&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&amp;Name (type to search, Enter to pick)</source>
        <translation>&amp;Nome (scrivi per cercare, Invio per scegliere)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Given name and family name…</source>
        <translation>Nome e cognome…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the person</source>
        <translation>Nome della persona</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>People already registered</source>
        <translation>Persone già registrate</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New &amp;person</source>
        <translation>Nuova &amp;persona</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Person of this visit</source>
        <translation>Persona di questa visita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change pe&amp;rson</source>
        <translation>Cambia pe&amp;rsona</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+184"/>
        <source>New person</source>
        <translation>Nuova persona</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>&amp;Agrees to the processing of their data</source>
        <translation>Acconsente al trattamento dei s&amp;uoi dati</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agrees to sharing with the &amp;Welcome Center services</source>
        <translation>Acconsente alla condi&amp;visione con i servizi del Welcome Center</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agrees to be con&amp;tacted by phone</source>
        <translation>Acconsente a essere contattato per tele&amp;fono</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Needs (Space ticks the highlighted service)</source>
        <translation>Bisogni (Spazio spunta il servizio evidenziato)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Channel of access</source>
        <translation>Canale di accesso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language of the conversation (code, e.g. fr)</source>
        <translation>Lingua del colloquio (codice, per es. fr)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mediator called</source>
        <translation>&amp;Mediatore chiamato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mediator called</source>
        <translation>Mediatore chiamato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;eeds</source>
        <translation>&amp;Bisogni</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Channel</source>
        <translation>Canal&amp;e</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>&amp;Lingua</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Consent</source>
        <translation>Consenso</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pri&amp;vacy notice…</source>
        <translation>Informativa privac&amp;y…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The privacy notice to print for the person, in the conversation&apos;s language</source>
        <translation>L&apos;informativa sulla privacy da stampare per la persona, nella lingua del colloquio</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save (Ctrl+S)</source>
        <translation>Salva (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the intake</source>
        <translation>Salva l&apos;accoglienza</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Discard</source>
        <translation>&amp;Annulla</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Intake status</source>
        <translation>Stato dell&apos;accoglienza</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Family</source>
        <translation>Famiglia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a relative (Ctrl+Shift+F)</source>
        <translation>Aggiungi un familiare (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a household member</source>
        <translation>Aggiungi un componente del nucleo familiare</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Documents</source>
        <translation>Documenti</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a document (Ctrl+Shift+D)</source>
        <translation>Aggiungi un documento (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add an identity document</source>
        <translation>Aggiungi un documento d&apos;identità</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>New visit of %1</source>
        <translation>Nuova visita di %1</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Looking for the person among those registered…</source>
        <translation>Cerco la persona tra quelle già registrate…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Already registered? Choose in the window that opened.</source>
        <translation>Già registrata? Scegli nella finestra che si è aperta.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not saved: the form is as you left it.</source>
        <translation>Non salvato: il modulo è come l&apos;hai lasciato.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saving…</source>
        <translation>Salvataggio in corso…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Visit saved.</source>
        <translation>Visita salvata.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="+124"/>
        <source>ARCO Desk — %1</source>
        <translation>ARCO Desk — %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intake</source>
        <translation>Accoglienza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Persone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referrals</source>
        <translation>Invii</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Consultations</source>
        <translation>Consulenze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync</source>
        <translation>Sincronizzazione</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reports</source>
        <translation>Rapporti</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Administration</source>
        <translation>Amministrazione</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sections</source>
        <translation>Sezioni</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Desk</source>
        <translation>&amp;Sportello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock now</source>
        <translation>&amp;Blocca ora</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizza ora</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Go</source>
        <translation>&amp;Vai</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Operator: %1 (%2)</source>
        <translation>Operatore: %1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Desk: %1</source>
        <translation>Sportello: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+102"/>
        <source>Sync: not configured</source>
        <translation>Sincronizzazione: non configurata</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Synchronisation progress</source>
        <translation>Avanzamento della sincronizzazione</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync: in progress…</source>
        <translation>Sincronizzazione: in corso…</translation>
    </message>
    <message numerus="yes">
        <location line="+66"/>
        <source>%n referral(s) updated by the Welcome Center</source>
        <translation>
            <numerusform>%n invio aggiornato dal Welcome Center</numerusform>
            <numerusform>%n invii aggiornati dal Welcome Center</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (%2 updated)</source>
        <translation>%1 (%2 aggiornati)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Sync: this computer was revoked</source>
        <translation>Sincronizzazione: questo computer è stato revocato</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Last sync: %1</source>
        <translation>Ultima sincronizzazione: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>never</source>
        <translation>mai</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n modifica in attesa</numerusform>
            <numerusform>%n modifiche in attesa</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MatchTableModel</name>
    <message>
        <location filename="../ui/person_search.py" line="+89"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Birth year</source>
        <translation>Anno di nascita</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Citizenship</source>
        <translation>Cittadinanza</translation>
    </message>
</context>
<context>
    <name>OperatorFields</name>
    <message>
        <location filename="../ui/operator_fields.py" line="+79"/>
        <source>Login</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Full name</source>
        <translation>Nome e cognome</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password again</source>
        <translation>Ripeti la password</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Login:</source>
        <translation>&amp;Nome utente:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Full name:</source>
        <translation>Nome e co&amp;gnome:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Role:</source>
        <translation>&amp;Ruolo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password &amp;again:</source>
        <translation>Ripeti pass&amp;word:</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>The two passwords are different.</source>
        <translation>Le due password non coincidono.</translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <location filename="../ui/people_view.py" line="+31"/>
        <source>&lt;h2&gt;People&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Persone&lt;/h2&gt;</translation>
    </message>
</context>
<context>
    <name>PersonEditDialog</name>
    <message>
        <location filename="../ui/person_edit.py" line="+63"/>
        <source>Edit person</source>
        <translation>Modifica persona</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Why the person was not saved</source>
        <translation>Perché la persona non è stata salvata</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Save</source>
        <translation>Sal&amp;va</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>PersonFields</name>
    <message>
        <location filename="../ui/person_fields.py" line="+63"/>
        <source>&amp;Given name</source>
        <translation>N&amp;ome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name (as written)</source>
        <translation>Nome (come scritto)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Family name</source>
        <translation>&amp;Cognome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name (as written)</source>
        <translation>Cognome (come scritto)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Given name (Latin)</source>
        <translation>Nome (caratteri latini)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given name in Latin letters</source>
        <translation>Nome in caratteri latini</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Family name (Latin)</source>
        <translation>Cognome (caratteri latini)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family name in Latin letters</source>
        <translation>Cognome in caratteri latini</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Se&amp;x</source>
        <translation>Se&amp;sso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex</source>
        <translation>Sesso</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Date of &amp;birth</source>
        <translation>&amp;Data di nascita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth (dd/mm/yyyy)</source>
        <translation>Data di nascita (gg/mm/aaaa)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Year of birth</source>
        <translation>Anno di nascita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year of birth, if the date is not known</source>
        <translation>Anno di nascita, se la data non è nota</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Citi&amp;zenship</source>
        <translation>C&amp;ittadinanza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Citizenship (country codes, e.g. EG, PE)</source>
        <translation>Cittadinanza (codici paese, per es. EG, PE)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Preferred language</source>
        <translation>Lingua preferita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preferred language (code, e.g. ar)</source>
        <translation>Lingua preferita (codice, per es. ar)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>P&amp;hone</source>
        <translation>&amp;Telefono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;E-mail</source>
        <translation>E-&amp;mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A&amp;ddress</source>
        <translation>Indi&amp;rizzo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Municipio</source>
        <translation>M&amp;unicipio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipio (1-9)</source>
        <translation>Municipio (1-9)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Legal stat&amp;us</source>
        <translation>Condizione &amp;giuridica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal status</source>
        <translation>Condizione giuridica</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Permit exp&amp;iry</source>
        <translation>Scaden&amp;za del permesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permit expiry (dd/mm/yyyy)</source>
        <translation>Scadenza del permesso (gg/mm/aaaa)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Notes</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Not stated</source>
        <translation>Non dichiarato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Female</source>
        <translation>Femmina</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Male</source>
        <translation>Maschio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>dd/mm/yyyy</source>
        <translation>gg/mm/aaaa</translation>
    </message>
</context>
<context>
    <name>PersonSearch</name>
    <message>
        <location filename="../ui/person_search.py" line="+33"/>
        <source>Type a name to search…</source>
        <translation>Scrivi un nome per cercare…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search people by name</source>
        <translation>Cerca persone per nome</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search results</source>
        <translation>Risultati della ricerca</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Search status</source>
        <translation>Stato della ricerca</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Searching…</source>
        <translation>Ricerca in corso…</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n person(s) found</source>
        <translation>
            <numerusform>%n persona trovata</numerusform>
            <numerusform>%n persone trovate</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody found with this name.</source>
        <translation>Nessuna persona trovata con questo nome.</translation>
    </message>
</context>
<context>
    <name>PersonView</name>
    <message>
        <location filename="../ui/person_view.py" line="+119"/>
        <source>&amp;Back to search (Esc)</source>
        <translation>&amp;Torna alla ricerca (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit (Ctrl+E)</source>
        <translation>&amp;Modifica (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+22"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Person details</source>
        <translation>Dati della persona</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alerts</source>
        <translation>Avvisi</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Cosa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>Dettagli</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Timeline</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Urgency</source>
        <translation>Urgenza</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Needs</source>
        <translation>Bisogni</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Relationship</source>
        <translation>Parentela</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year of birth</source>
        <translation>Anno di nascita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lives</source>
        <translation>Vive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dependent</source>
        <translation>A carico</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Family</source>
        <translation>Famiglia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issued by</source>
        <translation>Rilasciato da</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expiry</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents</source>
        <translation>Documenti</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record type</source>
        <translation>Tipo di scheda</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History</source>
        <translation>Storico delle modifiche</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason for the referral</source>
        <translation>Motivo dell&apos;invio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for the referral…</source>
        <translation>Motivo dell&apos;invio…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refer the selected need</source>
        <translation>&amp;Invia il bisogno selezionato</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Person file status</source>
        <translation>Stato della scheda</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print referral &amp;slip…</source>
        <translation>Stampa &amp;foglio di invio…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The slip of the referral selected in the timeline</source>
        <translation>Il foglio dell&apos;invio selezionato nella cronologia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pri&amp;vacy notice…</source>
        <translation>Informativa &amp;privacy…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The privacy notice in the person&apos;s language</source>
        <translation>L&apos;informativa sulla privacy nella lingua della persona</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>E&amp;xport data…</source>
        <translation>Esporta &amp;dati…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything recorded about the person, to give them (PDF or JSON)</source>
        <translation>Tutto ciò che è registrato sulla persona, da consegnarle (PDF o JSON)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&lt;b&gt;Timeline&lt;/b&gt;</source>
        <translation>&lt;b&gt;Cronologia&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Needs&lt;/b&gt;</source>
        <translation>&lt;b&gt;Bisogni&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Family&lt;/b&gt;</source>
        <translation>&lt;b&gt;Famiglia&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Documents&lt;/b&gt;</source>
        <translation>&lt;b&gt;Documenti&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;History&lt;/b&gt;</source>
        <translation>&lt;b&gt;Storico delle modifiche&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="-121"/>
        <location line="+163"/>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Age %1</source>
        <translation>Età %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Citizenship: %1</source>
        <translation>Cittadinanza: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preferred language: %1</source>
        <translation>Lingua preferita: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, expires %2</source>
        <translation>%1, scade il %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal status: %1</source>
        <translation>Condizione giuridica: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone: %1</source>
        <translation>Telefono: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>First visit</source>
        <translation>Prima visita</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, mediator called</source>
        <translation>%1, mediatore chiamato</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Referral %1</source>
        <translation>Invio %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+25"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>%1 (overdue)</source>
        <translation>%1 (in ritardo)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Consent</source>
        <translation>Consenso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Consent withdrawn</source>
        <translation>Consenso revocato</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>with %1</source>
        <translation>con %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Legal consultation</source>
        <translation>Consulenza legale</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>low</source>
        <translation>bassa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>normal</source>
        <translation>normale</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>high</source>
        <translation>alta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open</source>
        <translation>aperto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>referred</source>
        <translation>inviato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed</source>
        <translation>chiuso</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>in Italy</source>
        <translation>in Italia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>abroad</source>
        <translation>all&apos;estero</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The permit of stay has expired.</source>
        <translation>Il permesso di soggiorno è scaduto.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The permit of stay expires in %n day(s).</source>
        <translation>
            <numerusform>Il permesso di soggiorno scade tra %n giorno.</numerusform>
            <numerusform>Il permesso di soggiorno scade tra %n giorni.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A document has expired.</source>
        <translation>Un documento è scaduto.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>A document expires in %n day(s).</source>
        <translation>
            <numerusform>Un documento scade tra %n giorno.</numerusform>
            <numerusform>Un documento scade tra %n giorni.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A referral is overdue: follow it up.</source>
        <translation>Un invio è in ritardo: va sollecitato.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No consent or other basis to process this person&apos;s data.</source>
        <translation>Nessun consenso o altra base giuridica per trattare i dati di questa persona.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Processing of this person&apos;s data is restricted.</source>
        <translation>Il trattamento dei dati di questa persona è limitato.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Person saved.</source>
        <translation>Persona salvata.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Select a need first.</source>
        <translation>Seleziona prima un bisogno.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Referral %1 created (draft).</source>
        <translation>Invio %1 creato (bozza).</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Select a referral in the timeline first.</source>
        <translation>Seleziona prima un invio nella cronologia.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPanel</name>
    <message>
        <location filename="../ui/recovery_key.py" line="+43"/>
        <source>Write it on paper or print it, and keep the sheet locked away from the computer. Anyone who has both the key and this computer can read the data. Do not save it in a file, an e-mail or a chat.</source>
        <translation>Scrivila su carta o stampala e conserva il foglio sotto chiave, lontano dal computer. Chi ha sia la chiave sia questo computer può leggere i dati. Non salvarla in un file, in una e-mail o in una chat.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recovery key</source>
        <translation>Chiave di recupero</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Print…</source>
        <translation>S&amp;tampa…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Print the recovery key</source>
        <translation>Stampa la chiave di recupero</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <location filename="../ui/setup_wizard.py" line="+123"/>
        <source>Write down the recovery key</source>
        <translation>Scrivi la chiave di recupero</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>If every password is forgotten, this key is the ONLY way to open the desk data. It is shown now and never again.</source>
        <translation>Se tutte le password vengono dimenticate, questa chiave è l&apos;UNICO modo per aprire i dati dello sportello. Viene mostrata adesso e mai più.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>I have &amp;written down or printed the recovery key</source>
        <translation>Ho &amp;scritto o stampato la chiave di recupero</translation>
    </message>
</context>
<context>
    <name>ReferralsView</name>
    <message>
        <location filename="../ui/referrals_view.py" line="+106"/>
        <source>&amp;Send</source>
        <translation>&amp;Invia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel referral</source>
        <translation>Ann&amp;ulla l&apos;invio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;h2&gt;Referrals&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Invii&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The desk sends and cancels referrals. Acceptance, the appointment, completion, refusal and a missed appointment are recorded by the receiving service and arrive with synchronisation, with its notes.</source>
        <translation>Lo sportello invia e annulla gli invii. L&apos;accettazione, l&apos;appuntamento, la conclusione, il rifiuto e un appuntamento mancato sono registrati dal servizio che riceve e arrivano con la sincronizzazione, con le sue note.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Referrals by status</source>
        <translation>Invii per stato</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last change</source>
        <translation>Ultima modifica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment</source>
        <translation>Appuntamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up</source>
        <translation>Da sollecitare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Note on the status change</source>
        <translation>Nota sul cambio di stato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note (optional)…</source>
        <translation>Nota (facoltativa)…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Print slip…</source>
        <translation>&amp;Stampa foglio di invio…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the slip of the selected referral</source>
        <translation>Stampa il foglio dell&apos;invio selezionato</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ggiorna</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Referrals status</source>
        <translation>Stato degli invii</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Overdue</source>
        <translation>In ritardo</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>Note from the service</source>
        <translation>Nota del servizio</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Appointment, outcome and note of the selected referral</source>
        <translation>Appuntamento, esito e nota dell&apos;invio selezionato</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Updated by the Welcome Center</source>
        <translation>Aggiornato dal Welcome Center</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Appointment: %1.</source>
        <translation>Appuntamento: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome: %1</source>
        <translation>Esito: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note from the Welcome Center: %1</source>
        <translation>Nota del Welcome Center: %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+16"/>
        <source>Select a referral first.</source>
        <translation>Seleziona prima un invio.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Status changed to “%1”.</source>
        <translation>Stato cambiato in “%1”.</translation>
    </message>
</context>
<context>
    <name>RekeyDialog</name>
    <message>
        <location filename="../ui/admin_view.py" line="-440"/>
        <source>Re-encrypt the store</source>
        <translation>Cifra di nuovo l&apos;archivio</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The desk data gets a new key: copies of the key file made before now no longer open it. Every active operator keeps their own password. A backup is made first; this takes a few seconds.</source>
        <translation>I dati dello sportello ricevono una nuova chiave: le copie del file delle chiavi fatte prima di adesso non li aprono più. Ogni operatore attivo mantiene la propria password. Prima viene fatto un backup; ci vuole qualche secondo.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your password</source>
        <translation>La tua password</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your &amp;password:</source>
        <translation>La tua &amp;password:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also replace the recovery &amp;key (do this if the person leaving could have seen it)</source>
        <translation>Sostituisci anche la chiave di &amp;recupero (fallo se la persona che se ne va potrebbe averla vista)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Re-encrypting, please wait</source>
        <translation>Nuova cifratura in corso, attendere</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Re-encrypt</source>
        <translation>&amp;Cifra di nuovo</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The store was re-encrypted. Copies of the key file made before no longer open it; every active operator keeps their password. Backups made before now still open with the passwords of then: keep them as safe as before.</source>
        <translation>L&apos;archivio è stato cifrato di nuovo. Le copie del file delle chiavi fatte prima non lo aprono più; ogni operatore attivo mantiene la propria password. I backup fatti prima di adesso si aprono ancora con le password di allora: custodiscili con la stessa cura di prima.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Write down the new recovery key: the old one no longer opens the desk data. It is shown now and never again.</source>
        <translation>Scrivi la nuova chiave di recupero: quella vecchia non apre più i dati dello sportello. Viene mostrata adesso e mai più.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>I have &amp;written down or printed the new recovery key</source>
        <translation>Ho &amp;scritto o stampato la nuova chiave di recupero</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The recovery key stays the same.</source>
        <translation>La chiave di recupero resta la stessa.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Close</source>
        <translation>&amp;Chiudi</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>These operators cannot sign in until an administrator gives them a new password (Set password…): %1</source>
        <translation>Questi operatori non possono accedere finché un amministratore non dà loro una nuova password (Imposta password…): %1</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../ui/reports_view.py" line="+115"/>
        <location line="+494"/>
        <source>Indicators</source>
        <translation>Indicatori</translation>
    </message>
    <message>
        <location line="-488"/>
        <source>Report status</source>
        <translation>Stato del rapporto</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This month</source>
        <translation>Questo mese</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last month</source>
        <translation>Il mese scorso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year</source>
        <translation>Quest&apos;anno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 12 months</source>
        <translation>Ultimi 12 mesi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom dates</source>
        <translation>Date a scelta</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Period:</source>
        <translation>&amp;Periodo:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First day of the period</source>
        <translation>Primo giorno del periodo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day of the period</source>
        <translation>Ultimo giorno del periodo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;From:</source>
        <translation>&amp;Dal:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To:</source>
        <translation>&amp;Al:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Desk</source>
        <translation>Sportello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All desks</source>
        <translation>Tutti gli sportelli</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Des&amp;k:</source>
        <translation>Sp&amp;ortello:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Recompute</source>
        <translation>&amp;Ricalcola</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export &amp;XLSX…</source>
        <translation>Esporta &amp;XLSX…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pri&amp;nt or PDF…</source>
        <translation>Sta&amp;mpa o PDF…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Groups of indicators</source>
        <translation>Gruppi di indicatori</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Indicator</source>
        <translation>Indicatore</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+22"/>
        <source>Summary</source>
        <translation>Riepilogo</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+5"/>
        <source>Progress towards the target</source>
        <translation>Avanzamento verso l&apos;obiettivo</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Accesses by month, chart</source>
        <translation>Accessi per mese, grafico</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+9"/>
        <source>Accesses by month</source>
        <translation>Accessi per mese</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Month</source>
        <translation>Mese</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <location line="+208"/>
        <source>Accesses</source>
        <translation>Accessi</translation>
    </message>
    <message>
        <location line="-215"/>
        <location line="+14"/>
        <location line="+7"/>
        <source>People</source>
        <translation>Persone</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>New</source>
        <translation>Nuovi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Months</source>
        <translation>Mesi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Channel</source>
        <translation>Canale</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accesses by channel</source>
        <translation>Accessi per canale</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accesses by channel, chart</source>
        <translation>Accessi per canale, grafico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels</source>
        <translation>Canali</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People reached by sex and age band</source>
        <translation>Persone raggiunte per sesso e fascia d&apos;età</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Citizenship</source>
        <translation>Cittadinanza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People reached by citizenship</source>
        <translation>Persone raggiunte per cittadinanza</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>People reached by age band, chart</source>
        <translation>Persone raggiunte per fascia d&apos;età, grafico</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Needs</source>
        <translation>Bisogni</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+8"/>
        <location line="+9"/>
        <source>Referrals</source>
        <translation>Invii</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Closed</source>
        <translation>Chiusi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs and referrals by service</source>
        <translation>Bisogni e invii per servizio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Needs by service, chart</source>
        <translation>Bisogni per servizio, grafico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services</source>
        <translation>Servizi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status today</source>
        <translation>Stato a oggi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcomes of the referrals sent</source>
        <translation>Esiti degli invii</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Outcomes of the referrals sent, chart</source>
        <translation>Esiti degli invii, grafico</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Topic</source>
        <translation>Argomento</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+5"/>
        <source>Consultations</source>
        <translation>Consulenze</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Legal consultations by topic</source>
        <translation>Consulenze legali per tema</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Legal consultations by topic, chart</source>
        <translation>Consulenze legali per tema, grafico</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Target</source>
        <translation>Obiettivo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>People to reach</source>
        <translation>Persone da raggiungere</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First month of the project</source>
        <translation>Primo mese del progetto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Months of the project</source>
        <translation>Mesi del progetto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save target</source>
        <translation>&amp;Salva l&apos;obiettivo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Peop&amp;le to reach:</source>
        <translation>Perso&amp;ne da raggiungere:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First &amp;month:</source>
        <translation>Primo m&amp;ese:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>M&amp;onths:</source>
        <translation>Mes&amp;i:</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Counting…</source>
        <translation>Conteggio in corso…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 to %2 · third-country nationals only; people erased on request are still counted, anonymously.</source>
        <translation>Dal %1 al %2 · solo cittadini di paesi terzi; le persone cancellate su richiesta sono ancora contate, in forma anonima.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>People reached (third-country nationals)</source>
        <translation>Persone raggiunte (cittadini di paesi terzi)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of whom first access</source>
        <translation>di cui primo accesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of whom came before</source>
        <translation>di cui già venute prima</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needs recorded</source>
        <translation>Bisogni registrati</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referrals sent</source>
        <translation>Invii effettuati</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referrals closed by the service</source>
        <translation>Invii chiusi dal servizio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal consultations</source>
        <translation>Consulenze legali</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Days to close a referral (median)</source>
        <translation>Giorni per chiudere un invio (mediana)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none closed</source>
        <translation>nessuno chiuso</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 of %2</source>
        <translation>%1 su %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 third-country nationals reached since %2 at the desks of this computer; the target is %3 by %4, and %5 are due by now.</source>
        <translation>%1 cittadini di paesi terzi raggiunti dal %2 agli sportelli di questo computer; l&apos;obiettivo è %3 entro il %4, e a oggi ne sarebbero attesi %5.</translation>
    </message>
    <message numerus="yes">
        <location line="+60"/>
        <source>%n referral(s) closed by the service; median days to close: %1</source>
        <translation>
            <numerusform>%n invio chiuso dal servizio; giorni per chiudere (mediana): %1</numerusform>
            <numerusform>%n invii chiusi dal servizio; giorni per chiudere (mediana): %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Women</source>
        <translation>Donne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Men</source>
        <translation>Uomini</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Altro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex not stated</source>
        <translation>Sesso non indicato</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Age band</source>
        <translation>Fascia d&apos;età</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+12"/>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Age not stated</source>
        <translation>Età non indicata</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Third-country nationals</source>
        <translation>Cittadini di paesi terzi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Citizens of other EU countries</source>
        <translation>Cittadini di altri paesi UE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Italian citizens</source>
        <translation>Cittadini italiani</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Citizenship not recorded</source>
        <translation>Cittadinanza non registrata</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export the indicators</source>
        <translation>Esporta gli indicatori</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Cartella di lavoro Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Spreadsheet saved.</source>
        <translation>Foglio di calcolo salvato.</translation>
    </message>
</context>
<context>
    <name>SetPasswordDialog</name>
    <message>
        <location filename="../ui/admin_view.py" line="-200"/>
        <source>Set the password of %1</source>
        <translation>Imposta la password di %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Set password</source>
        <translation>&amp;Imposta password</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The old password may have been seen by someone: &amp;re-encrypt the store afterwards</source>
        <translation>La vecchia password potrebbe essere stata vista da qualcuno: poi &amp;cifra di nuovo l&apos;archivio</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../ui/setup_wizard.py" line="+65"/>
        <source>ARCO Desk — Set up this desk</source>
        <translation>ARCO Desk — Configura questo sportello</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <location filename="../ui/sync_messages.py" line="+23"/>
        <source>No connection to the Welcome Center server — changes are kept and will be sent later.</source>
        <translation>Nessuna connessione con il server del Welcome Center — le modifiche sono conservate e verranno inviate più tardi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The Welcome Center server is busy or not answering — changes are kept and will be sent later.</source>
        <translation>Il server del Welcome Center è occupato o non risponde — le modifiche sono conservate e verranno inviate più tardi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This computer was revoked by the administrator of the Welcome Center: it no longer synchronises. The data stays on this computer; ask the administrator.</source>
        <translation>Questo computer è stato revocato dall&apos;amministratore del Welcome Center: non si sincronizza più. I dati restano su questo computer; rivolgiti all&apos;amministratore.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server no longer recognises this computer: it was revoked or enrolled again. Ask the administrator to enrol it.</source>
        <translation>Il server non riconosce più questo computer: è stato revocato o registrato di nuovo. Chiedi all&apos;amministratore di registrarlo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server no longer recognises this computer. Ask the administrator to enrol it.</source>
        <translation>Il server non riconosce più questo computer. Chiedi all&apos;amministratore di registrarlo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The administrator asked for this computer&apos;s data to be erased: the desk store on this computer has been deleted.</source>
        <translation>L&apos;amministratore ha chiesto di cancellare i dati di questo computer: l&apos;archivio dello sportello su questo computer è stato eliminato.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Update ARCO Desk: the server no longer accepts this version.</source>
        <translation>Aggiorna ARCO Desk: il server non accetta più questa versione.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The computer&apos;s clock is wrong by more than two minutes. Correct the date and time, then synchronise again.</source>
        <translation>L&apos;orologio del computer è sbagliato di più di due minuti. Correggi data e ora, poi sincronizza di nuovo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This computer is not enrolled with the Welcome Center: an administrator must enrol it in the Sync section.</source>
        <translation>Questo computer non è registrato presso il Welcome Center: un amministratore deve registrarlo nella sezione Sincronizzazione.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server address is not secure (plain HTTP): use an https:// address, or allow plain HTTP only on a network you trust.</source>
        <translation>L&apos;indirizzo del server non è sicuro (HTTP semplice): usa un indirizzo https://, oppure consenti l&apos;HTTP semplice solo su una rete di cui ti fidi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server could not read some changes; they were set aside (see Refused changes).</source>
        <translation>Il server non ha potuto leggere alcune modifiche; sono state messe da parte (vedi Modifiche rifiutate).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server&apos;s certificate could not be verified. Check the address and the certificate file, or ask technical support.</source>
        <translation>Non è stato possibile verificare il certificato del server. Controlla l&apos;indirizzo e il file del certificato, o chiedi all&apos;assistenza tecnica.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The enrolment code is wrong, expired or already used. Ask the Welcome Center for a new one.</source>
        <translation>Il codice di registrazione è sbagliato, scaduto o già usato. Chiedine uno nuovo al Welcome Center.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This enrolment code was issued for another desk.</source>
        <translation>Questo codice di registrazione è stato emesso per un altro sportello.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server&apos;s answer could not be understood; nothing was changed here. It will be tried again later; if it keeps happening, ask technical support.</source>
        <translation>La risposta del server non è comprensibile; qui non è stato cambiato nulla. Si riproverà più tardi; se succede ancora, chiedi all&apos;assistenza tecnica.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Synchronisation stopped because of an unexpected problem; changes are kept and it will be tried again later. If it keeps happening, ask technical support.</source>
        <translation>La sincronizzazione si è fermata per un problema imprevisto; le modifiche restano qui e si riproverà più tardi. Se succede ancora, chiedi all&apos;assistenza tecnica.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Events recorded before the last synchronisation are missing from this computer&apos;s audit trail. The Welcome Center has been told; synchronisation goes on. Ask the coordinator.</source>
        <translation>Nel registro delle attività di questo computer mancano eventi registrati prima dell&apos;ultima sincronizzazione. Il Welcome Center è stato avvisato; la sincronizzazione continua. Rivolgiti al coordinatore.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This computer&apos;s audit trail was changed below what the Welcome Center recorded at the last synchronisation. The Welcome Center has been told; synchronisation goes on. Ask the coordinator.</source>
        <translation>Il registro delle attività di questo computer è stato modificato in una parte che il Welcome Center aveva già registrato all&apos;ultima sincronizzazione. Il Welcome Center è stato avvisato; la sincronizzazione continua. Rivolgiti al coordinatore.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This computer&apos;s data was restored from a backup: what was recorded after that backup is not here. The Welcome Center has been told; synchronisation goes on.</source>
        <translation>I dati di questo computer sono stati ripristinati da una copia di sicurezza: quanto registrato dopo quella copia non è qui. Il Welcome Center è stato avvisato; la sincronizzazione continua.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This computer&apos;s key for synchronising cannot be found (another user account, or the data was copied from another computer). Ask the administrator to enrol it again.</source>
        <translation>La chiave di sincronizzazione di questo computer non si trova (un altro account utente, oppure i dati sono stati copiati da un altro computer). Chiedi all&apos;amministratore di registrarlo di nuovo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server does not know this desk. Ask the Welcome Center.</source>
        <translation>Il server non conosce questo sportello. Rivolgiti al Welcome Center.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>this desk may not change that record at the Welcome Center</source>
        <translation>questo sportello non può modificare quel dato presso il Welcome Center</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the status change is not allowed any more (it was changed elsewhere)</source>
        <translation>il cambio di stato non è più consentito (è stato modificato altrove)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the record no longer exists at the Welcome Center</source>
        <translation>il dato non esiste più presso il Welcome Center</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the server could not read the change</source>
        <translation>il server non ha potuto leggere la modifica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the referral belongs to another desk</source>
        <translation>l&apos;invio appartiene a un altro sportello</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the record belongs to another desk</source>
        <translation>il dato appartiene a un altro sportello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the referral number is not in this desk&apos;s series</source>
        <translation>il numero dell&apos;invio non è nella serie di questo sportello</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>that referral status is recorded by the service that receives the referral, not by the desk</source>
        <translation>quello stato dell&apos;invio lo registra il servizio che riceve l&apos;invio, non lo sportello</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>only the Welcome Center may change that information</source>
        <translation>solo il Welcome Center può modificare quell&apos;informazione</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>that information cannot be changed once recorded</source>
        <translation>quell&apos;informazione non si può modificare dopo averla registrata</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the status history does not match the referral&apos;s status change</source>
        <translation>la cronologia degli stati non corrisponde al cambio di stato dell&apos;invio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the change points at a record the Welcome Center does not have</source>
        <translation>la modifica rimanda a un dato che il Welcome Center non ha</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the referral number is already in use at the Welcome Center</source>
        <translation>il numero dell&apos;invio è già usato al Welcome Center</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it had already been decided elsewhere</source>
        <translation>era già stato deciso altrove</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the person to keep is not one of the two</source>
        <translation>la persona da tenere non è una delle due</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the consent to sharing of one of the two people is missing: a merge needs both</source>
        <translation>manca il consenso alla condivisione di una delle due persone: per unirle servono entrambi</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Synchronisation did not succeed (%1). It will be tried again later.</source>
        <translation>La sincronizzazione non è riuscita (%1). Verrà ritentata più tardi.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Sending changes: %1 of %2</source>
        <translation>Invio delle modifiche: %1 di %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Receiving: %1 records (%2 %)</source>
        <translation>Ricezione: %1 record (%2 %)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>— about %1 s left</source>
        <translation>— circa %1 s alla fine</translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message>
        <location filename="../ui/sync_view.py" line="+141"/>
        <source>Synchronisation with the Milano Welcome Center</source>
        <translation>Sincronizzazione con il Milano Welcome Center</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Synchronisation progress</source>
        <translation>Avanzamento della sincronizzazione</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizza ora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+S or F5</source>
        <translation>Ctrl+Maiusc+S o F5</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This computer is not enrolled with the Welcome Center yet: an administrator can enrol it here.</source>
        <translation>Questo computer non è ancora registrato presso il Welcome Center: un amministratore può registrarlo qui.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Started</source>
        <translation>Iniziata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>Esito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>Inviate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>Ricevute</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>Rifiutate</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <source>Conflicts</source>
        <translation>Conflitti</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>History</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <location line="+36"/>
        <source>Record</source>
        <translation>Dato</translation>
    </message>
    <message>
        <location line="-44"/>
        <location line="+8"/>
        <source>Change</source>
        <translation>Modifica</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Made at</source>
        <translation>Fatta il</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting to be sent</source>
        <translation>In attesa di invio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refused at</source>
        <translation>Rifiutata il</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused changes</source>
        <translation>Modifiche rifiutate</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value kept</source>
        <translation>Valore mantenuto</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>From desk</source>
        <translation>Dallo sportello</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Other value</source>
        <translation>Altro valore</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Keep this value</source>
        <translation>&amp;Mantieni questo valore</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Use the other value</source>
        <translation>&amp;Usa l&apos;altro valore</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Person A</source>
        <translation>Persona A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person B</source>
        <translation>Persona B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Likeness</source>
        <translation>Somiglianza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>Perché</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approvals</source>
        <translation>Approvazioni</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merge into &amp;A</source>
        <translation>Unisci in &amp;A</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge into &amp;B</source>
        <translation>Unisci in &amp;B</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Not the same person</source>
        <translation>&amp;Non è la stessa persona</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>The same information was changed at two places. Choose the value to keep.</source>
        <translation>La stessa informazione è stata modificata in due posti. Scegli il valore da tenere.</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+27"/>
        <source>Possible duplicates</source>
        <translation>Possibili doppioni</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>These people may be the same person, registered twice. A merge needs the approval of both desks (or of one desk and a Welcome Center coordinator) and the person&apos;s consent to sharing; then the Welcome Center moves visits, needs and referrals to the person chosen, at the next synchronisation.</source>
        <translation>Queste persone potrebbero essere la stessa persona, registrata due volte. Per unirle servono l&apos;approvazione di entrambi gli sportelli (o di uno sportello e di un coordinatore del Welcome Center) e il consenso della persona alla condivisione; poi il Welcome Center sposta accessi, bisogni e invii sulla persona scelta, alla sincronizzazione successiva.</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>completed</source>
        <translation>completata</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <location line="+122"/>
        <source>%n change(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n modifica in attesa di invio.</numerusform>
            <numerusform>%n modifiche in attesa di invio.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Conflicts (%1)</source>
        <translation>Conflitti (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Possible duplicates (%1)</source>
        <translation>Possibili doppioni (%1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>registered at another desk (details shown after both desks approve)</source>
        <translation>registrata presso un altro sportello (i dati compaiono dopo l&apos;approvazione di entrambi gli sportelli)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a Welcome Center coordinator</source>
        <translation>un coordinatore del Welcome Center</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not approved yet</source>
        <translation>non ancora approvata</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approved by %1.</source>
        <translation>Approvata da %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approved by %1, keeping person %2.</source>
        <translation>Approvata da %1, tenendo la persona %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the other desk.</source>
        <translation>Si attende l&apos;altro sportello.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>legal content (visible to legal advisors only)</source>
        <translation>contenuto legale (visibile solo ai consulenti legali)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(empty)</source>
        <translation>(vuoto)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not enrolled.</source>
        <translation>Non registrato.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>never</source>
        <translation>mai</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server: %1. Last successful synchronisation: %2. %3</source>
        <translation>Server: %1. Ultima sincronizzazione riuscita: %2. %3</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Synchronising…</source>
        <translation>Sincronizzazione in corso…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>This computer is enrolled. Synchronising…</source>
        <translation>Questo computer è registrato. Sincronizzazione in corso…</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Saved. It will reach the Welcome Center at the next synchronisation.</source>
        <translation>Salvato. Arriverà al Welcome Center alla prossima sincronizzazione.</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <location filename="../ui/today_view.py" line="+68"/>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel</source>
        <translation>Canale</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First visit</source>
        <translation>Prima visita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits today</source>
        <translation>Visite di oggi</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Today status</source>
        <translation>Stato della giornata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ggiorna</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Today, %1</source>
        <translation>Oggi, %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n visit(s) today</source>
        <translation>
            <numerusform>%n visita oggi</numerusform>
            <numerusform>%n visite oggi</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No visits yet today.</source>
        <translation>Ancora nessuna visita oggi.</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <location filename="../ui/unlock.py" line="+94"/>
        <source>ARCO Desk — Unlock</source>
        <translation>ARCO Desk — Sblocco</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Operator:</source>
        <translation>&amp;Operatore:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Sblocca</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unlocking, please wait</source>
        <translation>Sblocco in corso, attendere</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>This computer was revoked</source>
        <translation>Questo computer è stato revocato</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The desk data cannot be opened</source>
        <translation>Non è possibile aprire i dati dello sportello</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was changed: the files were left exactly as they were, and no new desk was created.</source>
        <translation>Non è stato modificato nulla: i file sono rimasti esattamente com&apos;erano e non è stato creato un nuovo sportello.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>ARCO Desk — %1</source>
        <translation>ARCO Desk — %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Locking and saving a backup…</source>
        <translation>Blocco e backup in corso…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Quit ARCO Desk first: the command cannot change the desk&apos;s files while the application is open. The data folder is %1.</source>
        <translation>Prima chiudi ARCO Desk: il comando non può modificare i file dello sportello mentre il programma è aperto. La cartella dei dati è %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>To go back to the last good copy, an administrator can restore a backup with the command:

    arco-deskctl restore --from &lt;backup file&gt;

The data folder is %1 and its backups are in %2. Ask the ARCO technical contact if you are unsure.</source>
        <translation>Per tornare all&apos;ultima copia buona, un amministratore può ripristinare un backup con il comando:

    arco-deskctl restore --from &lt;file di backup&gt;

La cartella dei dati è %1 e i suoi backup sono in %2. In caso di dubbio chiedi all&apos;assistenza tecnica.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Type your password, then press Enter.</source>
        <translation>Scrivi la password, poi premi Invio.</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <location filename="../ui/vocabulary.py" line="+18"/>
        <source>desk operator</source>
        <translation>operatore di sportello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>legal advisor</source>
        <translation>consulente legale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>coordinator</source>
        <translation>coordinatore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>administrator</source>
        <translation>amministratore</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>draft</source>
        <translation>bozza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent</source>
        <translation>inviato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted</source>
        <translation>accettato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>appointment set</source>
        <translation>appuntamento fissato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completed</source>
        <translation>concluso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>declined</source>
        <translation>rifiutato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>annullato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed</source>
        <translation>chiuso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired</source>
        <translation>scaduto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>did not come</source>
        <translation>non si è presentato</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>processing of their data</source>
        <translation>al trattamento dei suoi dati</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sharing with the Welcome Center services</source>
        <translation>alla condivisione dei dati con i servizi del Welcome Center</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>being contacted by phone</source>
        <translation>a essere contattata per telefono</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>person</source>
        <translation>persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>family member</source>
        <translation>familiare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>identity document</source>
        <translation>documento d&apos;identità</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vulnerability</source>
        <translation>vulnerabilità</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>visit</source>
        <translation>accesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>need</source>
        <translation>bisogno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>referral</source>
        <translation>invio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>referral status change</source>
        <translation>cambio di stato dell&apos;invio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>legal consultation</source>
        <translation>consulenza legale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>consent</source>
        <translation>consenso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conflict decision</source>
        <translation>decisione su un conflitto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicate decision</source>
        <translation>decisione su un doppione</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>desk</source>
        <translation>sportello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>service</source>
        <translation>servizio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reference list</source>
        <translation>elenco di riferimento</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>new</source>
        <translation>nuovo</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+76"/>
        <source>changed</source>
        <translation>modificato</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>deleted</source>
        <translation>eliminato</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>same name</source>
        <translation>stesso nome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>similar name</source>
        <translation>nome simile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same date of birth</source>
        <translation>stessa data di nascita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same year of birth</source>
        <translation>stesso anno di nascita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>year of birth one year apart</source>
        <translation>anno di nascita diverso di un anno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same citizenship</source>
        <translation>stessa cittadinanza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same phone number</source>
        <translation>stesso numero di telefono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same tax code</source>
        <translation>stesso codice fiscale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same document number</source>
        <translation>stesso numero di documento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>another year of birth</source>
        <translation>altro anno di nascita</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the key file is missing</source>
        <translation>manca il file delle chiavi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the key file is damaged or is not an ARCO Desk key file</source>
        <translation>il file delle chiavi è danneggiato oppure non è un file delle chiavi di ARCO Desk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the key file was written by a newer version</source>
        <translation>il file delle chiavi è stato scritto da una versione più recente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the key file was changed by something other than ARCO Desk</source>
        <translation>il file delle chiavi è stato modificato da qualcosa che non è ARCO Desk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the key file is still in an older format, not upgraded at unlock</source>
        <translation>il file delle chiavi è ancora in un formato precedente, non aggiornato allo sblocco</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the key file belongs to another desk store</source>
        <translation>il file delle chiavi appartiene a un altro archivio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the recovery key&apos;s slot is missing</source>
        <translation>manca lo slot della chiave di recupero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there are two recovery key slots</source>
        <translation>ci sono due slot della chiave di recupero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no operator can sign in</source>
        <translation>nessun operatore può accedere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one login has two slots</source>
        <translation>un nome utente ha due slot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no active administrator can sign in</source>
        <translation>nessun amministratore attivo può accedere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a disabled or unknown operator still has a slot</source>
        <translation>un operatore disattivato o sconosciuto ha ancora uno slot</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>an operator still has a slot although this computer was revoked</source>
        <translation>un operatore ha ancora uno slot anche se questo computer è stato revocato</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the journal seal (desk.journal.json) is missing</source>
        <translation>manca il sigillo del giornale (desk.journal.json)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the journal seal was changed or belongs to another desk store</source>
        <translation>il sigillo del giornale è stato modificato o appartiene a un altro archivio dello sportello</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>changes vouched for by the journal seal are missing</source>
        <translation>mancano modifiche garantite dal sigillo del giornale</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>created</source>
        <translation>creato</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed</source>
        <translation>rimosso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>viewed</source>
        <translation>consultato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exported</source>
        <translation>esportato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>erased</source>
        <translation>cancellato</translation>
    </message>
</context>
<context>
    <name>deskctl</name>
    <message>
        <location filename="../desktop/deskctl/context.py" line="-169"/>
        <source>A password was expected on standard input, but none was given.</source>
        <translation>Era attesa una password sullo standard input, ma non è arrivata.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no terminal to ask for the password: use --password-stdin and write it on standard input.</source>
        <translation>Non c&apos;è un terminale da cui chiedere la password: usa --password-stdin e scrivila sullo standard input.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Password for %1: </source>
        <translation>Password di %1: </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New password for %1: </source>
        <translation>Nuova password per %1: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type it again: </source>
        <translation>Scrivila di nuovo: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passwords are different. Nothing was changed.</source>
        <translation>Le due password sono diverse. Non è stato modificato nulla.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recovery key: </source>
        <translation>Chiave di recupero: </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This command needs --operator LOGIN (who is signing in).</source>
        <translation>Questo comando richiede --operator LOGIN (chi sta accedendo).</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>RECOVERY KEY</source>
        <translation>CHIAVE DI RECUPERO</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WRITE THIS KEY DOWN ON PAPER OR PRINT IT NOW, and keep it locked away, apart from this computer (for example in the desk&apos;s safe).
It is shown only this once. If every administrator forgets their password, it is the only way back into the data: without it nobody, not even technical support, can recover them.
Do not save it in a file on this computer and do not send it by e-mail.</source>
        <translation>SCRIVI QUESTA CHIAVE SU CARTA O STAMPALA ADESSO e conservala sotto chiave, lontano da questo computer (per esempio nella cassaforte dello sportello).
Viene mostrata solo questa volta. Se tutti gli amministratori dimenticano la password, è l&apos;unico modo per rientrare nei dati: senza di essa nessuno, nemmeno l&apos;assistenza tecnica, può recuperarli.
Non salvarla in un file su questo computer e non inviarla per e-mail.</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/store_cmds.py" line="+48"/>
        <source>Desk store created for desk %1 in: %2</source>
        <translation>Archivio creato per lo sportello %1 in: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Administrator: %1</source>
        <translation>Amministratore: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Encrypted pages: ok</source>
        <translation>Pagine cifrate: ok</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Database structure: not checked</source>
        <translation>Struttura del database: non controllata</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database structure: ok</source>
        <translation>Struttura del database: ok</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Foreign keys: not checked</source>
        <translation>Riferimenti tra tabelle (chiavi esterne): non controllati</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit trail: not checked</source>
        <translation>Registro delle attività: non controllato</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Foreign keys: ok</source>
        <translation>Riferimenti tra tabelle (chiavi esterne): ok</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit trail: broken at event %1</source>
        <translation>Registro delle attività: interrotto all&apos;evento %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Audit trail: events recorded before the last synchronisation are missing</source>
        <translation>Registro delle attività: mancano eventi registrati prima dell&apos;ultima sincronizzazione</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Audit trail: an event recorded before the last synchronisation was changed</source>
        <translation>Registro delle attività: un evento registrato prima dell&apos;ultima sincronizzazione è stato modificato</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Key file: ok</source>
        <translation>File delle chiavi: ok</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Journal: %1</source>
        <translation>Giornale: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Journal: ok</source>
        <translation>Giornale: ok</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Result: the database and its key file are intact.</source>
        <translation>Esito: il database e il suo file delle chiavi sono integri.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Result: PROBLEMS FOUND. Stop working on this store, restore the latest good backup (arco-deskctl restore) and contact technical support.</source>
        <translation>Esito: TROVATI PROBLEMI. Smetti di lavorare su questo archivio, ripristina l&apos;ultimo backup integro (arco-deskctl restore) e contatta l&apos;assistenza tecnica.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Backup written: %1</source>
        <translation>Backup scritto: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its key file: %1</source>
        <translation>Il suo file delle chiavi: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the two files together: the backup opens only with its key file and the passwords that were valid when it was made.</source>
        <translation>Tieni insieme i due file: il backup si apre solo con il suo file delle chiavi e con le password valide al momento in cui è stato fatto.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The desk store was restored from: %1</source>
        <translation>L&apos;archivio dello sportello è stato ripristinato da: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The files it replaced were moved to: %1 (nothing was deleted).</source>
        <translation>I file sostituiti sono stati spostati in: %1 (non è stato cancellato nulla).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign in with the passwords that were valid when the backup was made.</source>
        <translation>Accedi con le password valide al momento del backup.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The database has been re-encrypted with a new key.</source>
        <translation>Il database è stato cifrato di nuovo con una nuova chiave.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>These operators cannot sign in until an administrator sets them a new password (arco-deskctl operator passwd LOGIN): %1</source>
        <translation>Questi operatori non possono accedere finché un amministratore non imposta per loro una nuova password (arco-deskctl operator passwd LOGIN): %1</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>The recovery key stays the same.</source>
        <translation>La chiave di recupero resta la stessa.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Old copies of the key file no longer open the database, whoever holds them. Backups made before now still open with the passwords of then: keep those backups as safe as before.</source>
        <translation>Le vecchie copie del file delle chiavi non aprono più il database, chiunque le abbia. I backup fatti prima di adesso si aprono ancora con le password di allora: custodisci quei backup con la stessa cura di prima.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Every other operator keeps their password: nobody needs a new one.</source>
        <translation>Tutti gli altri operatori mantengono la propria password: nessuno ha bisogno di una nuova password.</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/operator_cmds.py" line="+22"/>
        <source>Copies of the key file that %1 may have kept still open the database until it is re-encrypted: run arco-deskctl rekey (everyone keeps their password).</source>
        <translation>Le copie del file delle chiavi che %1 potrebbe aver conservato aprono ancora il database finché non viene cifrato di nuovo: esegui arco-deskctl rekey (tutti mantengono la propria password).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Operator %1 added with the role: %2. They can sign in now.</source>
        <translation>Operatore %1 aggiunto con il ruolo: %2. Può accedere da subito.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The password of %1 has been reset with the recovery key. They can sign in with the new password.</source>
        <translation>La password di %1 è stata reimpostata con la chiave di recupero. Ora si può accedere con la nuova password.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The password of %1 was changed.</source>
        <translation>La password di %1 è stata cambiata.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Operator %1 was disabled and can no longer sign in. Their past work stays in the records.</source>
        <translation>L&apos;operatore %1 è stato disattivato e non può più accedere. Il lavoro già svolto resta nei dati.</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/store_cmds.py" line="+14"/>
        <source>Days this computer may go without synchronising before only administrators can unlock it: %1</source>
        <translation>Giorni in cui questo computer può restare senza sincronizzarsi prima che solo gli amministratori possano sbloccarlo: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This desk is not enrolled: no limit applies.</source>
        <translation>Questa postazione non è registrata: non si applica alcun limite.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Last contact with the Welcome Center: %1 (%2 days ago).</source>
        <translation>Ultimo contatto con il Welcome Center: %1 (giorni trascorsi: %2).</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/operator_cmds.py" line="+22"/>
        <source>disabled</source>
        <translation>disattivato</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>needs a new password</source>
        <translation>serve una nuova password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>active</source>
        <translation>attivo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>LOGIN</source>
        <translation>NOME UTENTE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ROLE</source>
        <translation>RUOLO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STATE</source>
        <translation>STATO</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/context.py" line="+43"/>
        <location filename="../desktop/deskctl/operator_cmds.py" line="+1"/>
        <source>NAME</source>
        <translation>NOME</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/sync_cmds.py" line="+34"/>
        <source>Desk enrolled; device %1.</source>
        <translation>Postazione registrata; dispositivo %1.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Sync done: %1 sent, %2 received, %3 refused, %4 conflicts.</source>
        <translation>Sincronizzazione completata: %1 inviate, %2 ricevute, %3 rifiutate, %4 conflitti.</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/gdpr_cmds.py" line="+52"/>
        <source>The data of person %1 were written to: %2</source>
        <translation>I dati della persona %1 sono stati scritti in: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file contains personal data: give it only to the person concerned and delete it from this computer afterwards.</source>
        <translation>Il file contiene dati personali: consegnalo solo alla persona interessata e poi cancellalo da questo computer.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Erasing a person cannot be undone. Repeat the command with --yes to confirm.</source>
        <translation>La cancellazione di una persona non si può annullare. Ripeti il comando con --yes per confermare.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The personal data of person %1 were erased from this desk.</source>
        <translation>I dati personali della persona %1 sono stati cancellati da questo sportello.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Purging erases people for good. Repeat the command with --yes to confirm.</source>
        <translation>La pulizia cancella le persone in modo definitivo. Ripeti il comando con --yes per confermare.</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/cli.py" line="+44"/>
        <source>Unknown options or extra arguments. Passwords are never accepted on the command line: use the prompt or --password-stdin.</source>
        <translation>Opzioni sconosciute o argomenti in più. Le password non sono mai accettate sulla riga di comando: usa la richiesta a terminale oppure --password-stdin.</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/gdpr_cmds.py" line="+26"/>
        <source>must be a whole number of years, 1 or more</source>
        <translation>deve essere un numero intero di anni, da 1 in su</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/cli.py" line="+14"/>
        <source>DIR</source>
        <translation>CARTELLA</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the desk&apos;s data folder (default: %1, or $ARCO_DATA_DIR)</source>
        <translation>la cartella dei dati dello sportello (predefinita: %1, oppure $ARCO_DATA_DIR)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>language of messages (default: $ARCO_LANG, then $LANG, else it)</source>
        <translation>lingua dei messaggi (predefinita: $ARCO_LANG, poi $LANG, altrimenti it)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the operator who signs in for the command</source>
        <translation>l&apos;operatore che accede per eseguire il comando</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>read passwords from standard input, one per line, instead of asking</source>
        <translation>legge le password dallo standard input, una per riga, invece di chiederle</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Set up and look after the encrypted store of an ARCO desk.</source>
        <translation>Configura e gestisce l&apos;archivio cifrato di uno sportello ARCO.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exit codes: 0 success, 1 other error, 2 usage error, 3 data folder in use, 4 sign-in refused, 5 integrity problem, 6 unexpected error, 130 interrupted.</source>
        <translation>Codici di uscita: 0 riuscito, 1 altro errore, 2 errore d&apos;uso, 3 cartella dei dati in uso, 4 accesso rifiutato, 5 problema di integrità, 6 errore imprevisto, 130 interrotto.</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/store_cmds.py" line="+76"/>
        <source>create the desk store and its first administrator</source>
        <translation>crea l&apos;archivio dello sportello e il primo amministratore</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>which desk this computer serves</source>
        <translation>lo sportello servito da questo computer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>login of the first administrator</source>
        <translation>nome utente del primo amministratore</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the administrator&apos;s name as shown</source>
        <translation>il nome dell&apos;amministratore come viene mostrato</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>check every page, the structure, foreign keys and the audit trail</source>
        <translation>controlla ogni pagina, la struttura, i riferimenti tra tabelle e il registro delle attività</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>write an encrypted backup</source>
        <translation>scrive un backup cifrato</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>backup file to create (or an existing folder to put it in)</source>
        <translation>file di backup da creare (oppure una cartella esistente in cui metterlo)</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>replace the store with a backup (close ARCO Desk first)</source>
        <translation>sostituisce l&apos;archivio con un backup (chiudi prima ARCO Desk)</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>the backup file (its .keys.json must be beside it)</source>
        <translation>il file di backup (accanto deve esserci il suo .keys.json)</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>re-encrypt the database with a new key (every active operator keeps their password; old key files stop working)</source>
        <translation>cifra di nuovo il database con una nuova chiave (ogni operatore attivo mantiene la propria password; i vecchi file delle chiavi smettono di funzionare)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>show or set how many days this desk may go without synchronising before only administrators can unlock it</source>
        <translation>mostra o imposta per quanti giorni questo sportello può restare senza sincronizzarsi prima che solo gli amministratori possano sbloccarlo</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/gdpr_cmds.py" line="+45"/>
        <source>export all data about one person (JSON)</source>
        <translation>esporta tutti i dati di una persona (JSON)</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>new file to write (never overwritten)</source>
        <translation>nuovo file da scrivere (mai sovrascritto)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>erase one person&apos;s data (cannot be undone)</source>
        <translation>cancella i dati di una persona (non si può annullare)</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>confirm</source>
        <translation>conferma</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/sync_cmds.py" line="+31"/>
        <source>enrol this desk with the central server</source>
        <translation>registra questa postazione presso il server centrale</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>allow plain HTTP to another computer</source>
        <translation>consenti HTTP semplice verso un altro computer</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>one sync cycle with the central server</source>
        <translation>un ciclo di sincronizzazione con il server centrale</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/gdpr_cmds.py" line="+46"/>
        <source>erase the people whose records are past the retention period</source>
        <translation>cancella le persone le cui schede hanno superato il periodo di conservazione</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>retention period in years (default: 5)</source>
        <translation>periodo di conservazione in anni (predefinito: 5)</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/operator_cmds.py" line="+77"/>
        <source>manage the operators of this desk</source>
        <translation>gestisce gli operatori di questo sportello</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>add an operator</source>
        <translation>aggiunge un operatore</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>the operator&apos;s name as shown</source>
        <translation>il nome dell&apos;operatore come viene mostrato</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>set a new password (your own, or anyone&apos;s as administrator)</source>
        <translation>imposta una nuova password (la propria, o quella di chiunque se si è amministratori)</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>reset with the desk&apos;s recovery key, read from the first line of standard input</source>
        <translation>reimposta con la chiave di recupero dello sportello, letta dalla prima riga dello standard input</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>reset with the desk&apos;s recovery key, asked at the terminal</source>
        <translation>reimposta con la chiave di recupero dello sportello, chiesta al terminale</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>stop an operator from signing in</source>
        <translation>impedisce a un operatore di accedere</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>list the operators</source>
        <translation>elenca gli operatori</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/store_cmds.py" line="-56"/>
        <source>then re-encrypt the database, so that old copies of the key file stop working (everyone keeps their password)</source>
        <translation>poi cifra di nuovo il database, così le vecchie copie del file delle chiavi smettono di funzionare (tutti mantengono la propria password)</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>keep the recovery key when re-encrypting (only if nobody leaving has seen it)</source>
        <translation>mantiene la chiave di recupero durante la nuova cifratura (solo se nessuna delle persone che se ne vanno l&apos;ha vista)</translation>
    </message>
    <message>
        <location filename="../desktop/deskctl/context.py" line="-229"/>
        <source>ARCO Desk, or another arco-deskctl command, is using this data folder. Close it, then try again.</source>
        <translation>ARCO Desk, o un altro comando arco-deskctl, sta usando questa cartella dei dati. Chiudilo e riprova.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Data folder: %1</source>
        <translation>Cartella dei dati: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>This command is not available in this version of ARCO Desk.</source>
        <translation>Questo comando non è disponibile in questa versione di ARCO Desk.</translation>
    </message>
</context>
</TS>
