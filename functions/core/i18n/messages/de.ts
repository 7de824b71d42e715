import type { Catalogue } from '../catalogue.ts';

/** Deutsch: per Sie, persönlich und ohne Floskeln. */
export default {
  dir: 'ltr',
  messages: {
    'greeting.named': 'Hallo {name},',
    'greeting.anonymous': 'Hallo,',
    'signature.team': 'Ihr Account-Team',

    'footer.checkIn':
      'Sie erhalten diese E-Mail, weil Sie Ansprechpartner für {account} sind. Sie möchten keine Check-ins mehr? <link>Abmelden</link>.',
    'footer.survey':
      'Sie erhalten diese E-Mail, weil Sie Ansprechpartner für {account} sind. Sie möchten keine Umfragen mehr von uns? <link>Umfragen abbestellen</link>.',
    'footer.greeting':
      'Sie erhalten diese E-Mail, weil Sie Ansprechpartner für {account} sind. Lieber keine solchen Grüße? <link>Abmelden</link>.',
    'footer.privacy': '<link>Datenschutzerklärung</link>',

    'checkIn.sinceWrote':
      'Ich habe mich vor {span, select, fewDays {ein paar Tagen} twoWeeks {etwa zwei Wochen} threeWeeks {drei Wochen} month {etwa einem Monat} twoMonths {etwa zwei Monaten} threeMonths {etwa drei Monaten} fewMonths {ein paar Monaten} mostOfYear {fast einem Jahr} year {etwa einem Jahr} other {über einem Jahr}} zuletzt gemeldet und wollte kurz nachhaken.',
    'checkIn.sinceNever':
      'Ich glaube, wir hatten noch keine richtige Gelegenheit, uns auszutauschen, und das würde ich gern ändern.',
    'checkIn.sinceAnswered':
      'Vor {span, select, fewDays {ein paar Tagen} twoWeeks {etwa zwei Wochen} threeWeeks {drei Wochen} month {etwa einem Monat} twoMonths {etwa zwei Monaten} threeMonths {etwa drei Monaten} fewMonths {ein paar Monaten} mostOfYear {fast einem Jahr} year {etwa einem Jahr} other {über einem Jahr}} haben Sie an unserer Umfrage teilgenommen, deshalb wollte ich mich einmal melden.',
    'checkIn.sinceSpoke':
      'Wir haben zuletzt vor {span, select, fewDays {ein paar Tagen} twoWeeks {etwa zwei Wochen} threeWeeks {drei Wochen} month {etwa einem Monat} twoMonths {etwa zwei Monaten} threeMonths {etwa drei Monaten} fewMonths {ein paar Monaten} mostOfYear {fast einem Jahr} year {etwa einem Jahr} other {über einem Jahr}} miteinander gesprochen, deshalb wollte ich mich einmal melden.',
    'checkIn.sinceInTouch':
      'Wir hatten zuletzt vor {span, select, fewDays {ein paar Tagen} twoWeeks {etwa zwei Wochen} threeWeeks {drei Wochen} month {etwa einem Monat} twoMonths {etwa zwei Monaten} threeMonths {etwa drei Monaten} fewMonths {ein paar Monaten} mostOfYear {fast einem Jahr} year {etwa einem Jahr} other {über einem Jahr}} Kontakt, deshalb wollte ich mich einmal melden.',
    'checkIn.about1': 'Wie läuft es mit {products} bei {account}?',
    'checkIn.about2':
      'Wie {count, plural, one {bewährt sich} other {bewähren sich}} {products} im Team von {account}?',
    'checkIn.about3':
      'Ich würde gern hören, wie {products} bei {account} für Sie {count, plural, one {läuft} other {laufen}}.',
    'checkIn.aboutAccount': 'Wie läuft es bei {account}?',
    'checkIn.renewal':
      'Ihre Verlängerung steht am {renewal, date, dayMonth} an. Wenn Sie vorher etwas ändern oder besprechen möchten, ist jetzt ein guter Zeitpunkt.',
    'checkIn.ask1':
      'Kann ich Ihnen bei etwas helfen, oder läuft etwas nicht so gut, wie es sollte? Antworten Sie einfach auf diese E-Mail; sie landet direkt bei mir.',
    'checkIn.ask2':
      'Wenn Ihnen etwas im Weg steht oder Sie sich etwas von uns anders wünschen, würde ich das wirklich gern wissen. Eine kurze Antwort genügt.',
    'checkIn.ask3':
      'Gibt es etwas, das Sie beschäftigt, ob gut oder schlecht? Antworten Sie einfach hier; die Nachricht kommt direkt bei mir an.',
    'checkIn.subject1': '{name}, kurz nachgefragt',
    'checkIn.subject1Anonymous': 'Kurz nachgefragt',
    'checkIn.subject2': 'Wie läuft es bei {account}?',
    'checkIn.subject3': 'Kurzer Check-in, {name}',
    'checkIn.subject3Owner': 'Kurzer Check-in von {owner}',
    'checkIn.subject3Anonymous': 'Kurzer Check-in',
    'checkIn.signOff': 'Viele Grüße',

    'survey.openerReminder':
      'Falls meine letzte Nachricht untergegangen ist: nur eine kurze Frage, und Ihre Antwort geht direkt an mich.',
    'survey.opener1':
      'Haben Sie zehn Sekunden für eine Frage? Ihre Antwort geht direkt an mich und hilft uns, {account} noch besser zu betreuen.',
    'survey.opener2': 'Eine kurze Frage, wenn Sie einen Moment Zeit haben. Ich lese jede Antwort selbst.',
    'survey.question.nps':
      '{about, select, named {Wie wahrscheinlich ist es, dass Sie {name} einem Freund oder Kollegen empfehlen?} other {Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?}}',
    'survey.question.csat':
      '{about, select, named {Wie zufrieden sind Sie mit {name}?} other {Wie zufrieden sind Sie mit unserem Service?}}',
    'survey.followUp.nps': 'Was ist der wichtigste Grund für Ihre Bewertung?',
    'survey.followUp.csat': 'Was könnten wir besser machen?',
    'survey.low.nps': 'Überhaupt nicht wahrscheinlich',
    'survey.high.nps': 'Äußerst wahrscheinlich',
    'survey.low.csat': 'Sehr unzufrieden',
    'survey.high.csat': 'Sehr zufrieden',
    'survey.csatScore':
      '{score, plural, =1 {sehr unzufrieden} =2 {unzufrieden} =3 {neutral} =4 {zufrieden} other {sehr zufrieden}}',
    'survey.clickHint':
      'Ein Klick auf eine Zahl öffnet eine kurze Seite, auf der Sie gern noch einen Kommentar hinzufügen können.',
    'survey.answerHere': 'Hier antworten ({min} = {low}, {max} = {high}):',
    'survey.signOff': 'Vielen Dank',

    'birthday.subject': 'Alles Gute zum Geburtstag, {name}!',
    'birthday.subjectAnonymous': 'Alles Gute zum Geburtstag!',
    'birthday.wish1':
      'Nur ein kurzer Gruß, um Ihnen alles Gute zum Geburtstag zu wünschen. Ich hoffe, Sie können sich heute ein wenig Zeit für sich nehmen.',
    'birthday.wish2':
      'Alles Gute zum Geburtstag! Ich hoffe, der Tag bringt Ihnen etwas Schönes, und vielleicht ein Stück Kuchen.',
    'birthday.wish3': 'Herzlichen Glückwunsch zum Geburtstag und alles Gute für das neue Lebensjahr!',
    'birthday.thanks':
      'Danke für alles, was Sie bei {account} gemeinsam mit uns bewegen; es ist eine Freude, mit Ihnen zu arbeiten.',
    'anniversary.subject': '{years, plural, =1 {Ein Jahr} other {# Jahre}} Zusammenarbeit: Danke, {account}',
    'anniversary.today':
      'Heute ist {account} seit {years, plural, =1 {einem Jahr} other {# Jahren}} bei uns, und ich möchte einfach Danke sagen.',
    'anniversary.feedback':
      'Ihr Feedback hat vieles von dem geprägt, was wir tun. Wenn wir im kommenden Jahr etwas besser machen können, antworten Sie einfach: Ihre Nachricht kommt direkt bei mir an.',
    'greeting.signOff': 'Herzliche Grüße',

    'page.survey.title': 'Ihr Feedback',
    'page.survey.errorTitle': 'Fehler: Ihr Feedback',
    'page.survey.heading': 'Hallo {name}, wie machen wir uns?',
    'page.survey.headingAnonymous': 'Wie machen wir uns?',
    'page.survey.intro':
      '{asked, select, yes {{owner} bittet um Ihr Feedback. Es dauert weniger als eine Minute, und nur Mitarbeitende von {company} sehen Ihre Antwort.} other {Es dauert weniger als eine Minute, und nur Mitarbeitende von {company} sehen Ihre Antwort.}}',
    'page.survey.introNoCompany':
      '{asked, select, yes {{owner} bittet um Ihr Feedback. Es dauert weniger als eine Minute, und nur Mitarbeitende unseres Unternehmens sehen Ihre Antwort.} other {Es dauert weniger als eine Minute, und nur Mitarbeitende unseres Unternehmens sehen Ihre Antwort.}}',
    'page.survey.scaleEnd': '{score} = {meaning}',
    'page.survey.optional': '(optional)',
    'page.survey.commentHint':
      'Bis zu {max, number} Zeichen. Sie können Ihre Antwort später über denselben Link ändern.',
    'page.survey.submit': 'Antwort senden',
    'page.survey.noScore': 'Bitte wählen Sie eine Bewertung von {min} bis {max}.',
    'page.survey.unreadable':
      'Ihr Kommentar enthält Zeichen, die wir nicht lesen können. Bitte geben Sie ihn noch einmal ein.',
    'page.survey.tooLong':
      'Ihr Kommentar ist {length, number} Zeichen lang; bitte kürzen Sie ihn auf {max, number}.',
    'page.footer': 'Sie möchten keine solchen Umfragen mehr? <link>Umfragen abbestellen</link>',
    'page.thanks.title': 'Vielen Dank',
    'page.thanks.heading': 'Vielen Dank!',
    'page.thanks.recorded':
      '{revised, select, yes {Wir haben Ihre Antwort aktualisiert} other {Wir haben Ihre Antwort gespeichert}}: <b>{score} von {max}</b>{comment, select, yes {, mit Ihrem Kommentar} other {}}.',
    'page.thanks.owner':
      '{owner} sieht Ihre Antwort und meldet sich vielleicht bei Ihnen. Sie können diese Seite jetzt schließen.',
    'page.thanks.team':
      'Ihr Account-Team sieht Ihre Antwort und meldet sich vielleicht bei Ihnen. Sie können diese Seite jetzt schließen.',
    'page.thanks.change':
      'Doch anders entschieden? <link>Antwort ändern</link>; eine neue Antwort ersetzt diese.',
    'page.final.title': 'Ihre Antwort steht fest',
    'page.final.body':
      'Diese Antwort wurde so oft geändert wie möglich, deshalb bleibt sie, wie sie ist: <b>{score} von {max}</b>{comment, select, yes {, mit Ihrem Kommentar} other {}}.',
    'page.unsubscribe.title': 'Abmelden',
    'page.unsubscribe.heading': 'Abmelden?',
    'page.unsubscribe.question':
      'Keine E-Mails mehr von {company} an <b>{email}</b>? Das betrifft auch Check-ins und Umfragen.',
    'page.unsubscribe.questionNoCompany':
      'Keine E-Mails mehr von uns an <b>{email}</b>? Das betrifft auch Check-ins und Umfragen.',
    'page.unsubscribe.button': 'Abmelden',
    'page.unsubscribe.cancel':
      'Doch nicht? Schließen Sie einfach diese Seite; solange Sie nicht auf die Schaltfläche klicken, ändert sich nichts.',
    'page.unsubscribed.title': 'Abgemeldet',
    'page.unsubscribed.heading': 'Sie sind abgemeldet',
    'page.unsubscribed.body': 'Wir senden keine E-Mails mehr an <b>{email}</b>.',
    'page.unsubscribed.mistake':
      'War das ein Versehen? Antworten Sie auf eine unserer früheren E-Mails, und Ihr Ansprechpartner bringt es in Ordnung.',
    'page.surveyOptOut.title': 'Umfragen abbestellen',
    'page.surveyOptOut.heading': 'Umfragen abbestellen?',
    'page.surveyOptOut.question':
      'Keine Umfragen mehr an <b>{email}</b> senden? Persönliche Check-ins Ihres Account-Teams kommen weiterhin, jeweils mit einem eigenen Link zum Abbestellen.',
    'page.surveyOptOut.button': 'Umfragen abbestellen',
    'page.surveyOptedOut.title': 'Keine Umfragen mehr',
    'page.surveyOptedOut.heading': 'Keine Umfragen mehr',
    'page.surveyOptedOut.body':
      'Wir senden keine Umfragen mehr an <b>{email}</b>. Persönliche Check-ins Ihres Account-Teams kommen weiterhin; jeder enthält ebenfalls einen Link zum Abbestellen.',
    'page.privacy': '<link>Datenschutzerklärung</link>',

    'error.expired.title': 'Dieser Link ist abgelaufen',
    'error.expired.lead':
      'Die Links in unseren E-Mails gelten nur eine gewisse Zeit, und die dieses Links ist um.',
    'error.expired.next':
      'Wenn Sie uns trotzdem etwas sagen möchten, antworten Sie einfach auf die E-Mail; die Antwort erreicht Ihren Ansprechpartner direkt.',
    'error.superseded.title': 'Dieser Kunde wird jetzt von jemand anderem betreut',
    'error.superseded.lead':
      'Dieser Link ging an die frühere Betreuung des Kunden. Der Kunde wurde inzwischen übergeben, daher wirkt der Link nicht mehr, und es wurde nichts geändert.',
    'error.superseded.next':
      'Die Hinweise und Übersichten der aktuellen Betreuung enthalten funktionierende Links.',
    'error.tampered.title': 'Dieser Link scheint beschädigt zu sein',
    'error.tampered.lead':
      'Ein Teil des Links fehlt oder wurde verändert. Das passiert manchmal, wenn ein Link kopiert oder umbrochen wird.',
    'error.tampered.next':
      'Öffnen Sie ihn noch einmal per Klick in der ursprünglichen E-Mail, oder antworten Sie stattdessen auf die E-Mail.',
    'error.unknown.title': 'Diesen Link kennen wir nicht',
    'error.unknown.lead':
      'Dieser Link passt zu nichts, was wir verschickt haben, oder er wurde durch einen neueren ersetzt.',
    'error.unknown.next':
      'Öffnen Sie den Link aus der neuesten E-Mail, die Sie von uns bekommen haben, oder antworten Sie auf diese E-Mail.',
    'error.400.title': 'Das konnten wir nicht lesen',
    'error.400.lead': 'Etwas an dem, was Ihr Browser gesendet hat, hatte nicht die erwartete Form.',
    'error.400.next':
      'Gehen Sie zurück, prüfen Sie Ihre Antwort und senden Sie sie erneut. Falls es wieder passiert, antworten Sie bitte auf die E-Mail.',
    'error.403.title': 'Dieses Formular kam von einer anderen Website',
    'error.403.lead': 'Zu Ihrem Schutz nehmen wir nur Antworten von unserer eigenen Seite an.',
    'error.403.next': 'Öffnen Sie den Link aus Ihrer E-Mail und antworten Sie dort.',
    'error.404.title': 'Seite nicht gefunden',
    'error.404.lead': 'Unter dieser Adresse gibt es nichts.',
    'error.404.next':
      'Prüfen Sie, ob der ganze Link aus der E-Mail geöffnet wurde, oder antworten Sie stattdessen auf die E-Mail.',
    'error.405.title': 'Das funktioniert hier nicht',
    'error.405.lead': 'Diese Adresse lässt sich so nicht verwenden.',
    'error.405.next':
      'Öffnen Sie den Link aus Ihrer E-Mail in einem Browser und nutzen Sie die Schaltfläche auf der Seite.',
    'error.413.title': 'Das war zu lang',
    'error.413.lead':
      'Ihre Nachricht war größer, als wir annehmen; Kommentare dürfen bis zu {max, number} Zeichen lang sein.',
    'error.413.next': 'Gehen Sie zurück, kürzen Sie Ihren Kommentar und senden Sie ihn erneut.',
    'error.500.title': 'Bei uns ist etwas schiefgelaufen',
    'error.500.lead': 'Wir konnten das gerade nicht abschließen. Es liegt nicht an Ihnen.',
    'error.500.next': 'Bitte versuchen Sie es in ein paar Minuten noch einmal.',
    'error.other.title': 'Das hat nicht geklappt',
    'error.other.lead': 'Wir konnten diese Anfrage nicht bearbeiten.',
    'error.other.next':
      'Öffnen Sie den Link aus Ihrer E-Mail noch einmal, oder antworten Sie stattdessen auf die E-Mail.',
  },
} satisfies Catalogue;
