import type { Catalogue } from '../catalogue.ts';

/** Español: de usted, cercano y sin fórmulas de plantilla. */
export default {
  dir: 'ltr',
  messages: {
    'greeting.named': 'Hola, {name}:',
    'greeting.anonymous': 'Hola:',
    'signature.team': 'Su equipo de atención al cliente',

    'footer.checkIn':
      'Recibe este mensaje porque es contacto de {account}. ¿No quiere recibir más mensajes de seguimiento? <link>Darse de baja</link>.',
    'footer.survey':
      'Recibe este mensaje porque es contacto de {account}. ¿No quiere recibir más encuestas nuestras? <link>Dejar de recibir encuestas</link>.',
    'footer.greeting':
      'Recibe este mensaje porque es contacto de {account}. ¿Prefiere no recibir estos mensajes? <link>Darse de baja</link>.',
    'footer.privacy': '<link>Política de privacidad</link>',

    'checkIn.sinceWrote':
      'Le escribí hace {span, select, fewDays {unos días} twoWeeks {un par de semanas} threeWeeks {tres semanas} month {cerca de un mes} twoMonths {unos dos meses} threeMonths {unos tres meses} fewMonths {unos meses} mostOfYear {casi un año} year {cerca de un año} other {más de un año}}, así que quería retomar el contacto.',
    'checkIn.sinceNever':
      'Creo que todavía no hemos tenido ocasión de hablar con calma, y me gustaría cambiar eso.',
    'checkIn.sinceAnswered':
      'Hace {span, select, fewDays {unos días} twoWeeks {un par de semanas} threeWeeks {tres semanas} month {cerca de un mes} twoMonths {unos dos meses} threeMonths {unos tres meses} fewMonths {unos meses} mostOfYear {casi un año} year {cerca de un año} other {más de un año}} que respondió a nuestra encuesta, así que quería saber cómo le va.',
    'checkIn.sinceSpoke':
      'Hace {span, select, fewDays {unos días} twoWeeks {un par de semanas} threeWeeks {tres semanas} month {cerca de un mes} twoMonths {unos dos meses} threeMonths {unos tres meses} fewMonths {unos meses} mostOfYear {casi un año} year {cerca de un año} other {más de un año}} que hablamos por última vez, así que quería saber cómo le va.',
    'checkIn.sinceInTouch':
      'Hace {span, select, fewDays {unos días} twoWeeks {un par de semanas} threeWeeks {tres semanas} month {cerca de un mes} twoMonths {unos dos meses} threeMonths {unos tres meses} fewMonths {unos meses} mostOfYear {casi un año} year {cerca de un año} other {más de un año}} que no estamos en contacto, así que quería saber cómo le va.',
    'checkIn.about1': '¿Qué tal les va con {products} en {account}?',
    'checkIn.about2':
      '¿Qué tal le {count, plural, one {está funcionando} other {están funcionando}} {products} al equipo de {account}?',
    'checkIn.about3':
      'Me encantaría saber qué tal le {count, plural, one {va} other {van}} {products} en {account}.',
    'checkIn.aboutAccount': '¿Qué tal les va en {account}?',
    'checkIn.renewal':
      'Su renovación es el {renewal, date, dayMonth}; si hay algo que quiera cambiar o comentar antes, ahora es un buen momento.',
    'checkIn.ask1':
      '¿Hay algo en lo que pueda ayudarle, o algo que no esté funcionando tan bien como debería? Solo tiene que responder a este correo; me llega directamente a mí.',
    'checkIn.ask2':
      'Si algo le está poniendo trabas, o hay algo que le gustaría que hiciéramos mejor, de verdad me gustaría saberlo. Basta con una respuesta breve.',
    'checkIn.ask3':
      '¿Hay algo que le ronde la cabeza, bueno o malo? Responda aquí y me llegará directamente.',
    'checkIn.subject1': '{name}, ¿cómo va todo?',
    'checkIn.subject1Anonymous': '¿Cómo va todo?',
    'checkIn.subject2': '¿Cómo va todo en {account}?',
    'checkIn.subject3': 'Un breve saludo, {name}',
    'checkIn.subject3Owner': 'Un breve saludo de {owner}',
    'checkIn.subject3Anonymous': 'Un breve saludo',
    'checkIn.signOff': 'Un saludo,',

    'survey.openerReminder':
      'Por si mi último mensaje se perdió entre otros: es una sola pregunta rápida, y su respuesta me llega directamente a mí.',
    'survey.opener1':
      '¿Tiene diez segundos para una pregunta? Su respuesta me llega directamente y nos ayuda a atender mejor a {account}.',
    'survey.opener2': 'Una pregunta rápida, si tiene un momento. Leo cada respuesta personalmente.',
    'survey.question.nps':
      '{about, select, named {¿Qué probabilidad hay de que recomiende {name} a un amigo o colega?} other {¿Qué probabilidad hay de que nos recomiende a un amigo o colega?}}',
    'survey.question.csat':
      '{about, select, named {¿Qué tan satisfecho está con {name}?} other {¿Qué tan satisfecho está con nuestro servicio?}}',
    'survey.followUp.nps': '¿Cuál es el motivo principal de su puntuación?',
    'survey.followUp.csat': '¿Qué podríamos hacer mejor?',
    'survey.low.nps': 'Nada probable',
    'survey.high.nps': 'Muy probable',
    'survey.low.csat': 'Muy insatisfecho',
    'survey.high.csat': 'Muy satisfecho',
    'survey.csatScore':
      '{score, plural, =1 {muy insatisfecho} =2 {insatisfecho} =3 {neutral} =4 {satisfecho} other {muy satisfecho}}',
    'survey.clickHint':
      'Haga clic en un número para abrir una página breve donde, si quiere, puede añadir un comentario.',
    'survey.answerHere': 'Responda aquí ({min} = {low}, {max} = {high}):',
    'survey.signOff': 'Gracias,',

    'birthday.subject': '¡Feliz cumpleaños, {name}!',
    'birthday.subjectAnonymous': '¡Feliz cumpleaños!',
    'birthday.wish1':
      'Solo unas líneas para desearle un muy feliz cumpleaños. Espero que hoy pueda dedicarse un rato a usted.',
    'birthday.wish2': '¡Feliz cumpleaños! Espero que el día le traiga algo bueno, y quizá un trozo de tarta.',
    'birthday.wish3': 'Le deseo un feliz cumpleaños y un año estupendo por delante.',
    'birthday.thanks':
      'Gracias por todo lo que hace con nosotros en {account}; es un placer trabajar con usted.',
    'anniversary.subject': '{years, plural, =1 {Un año} other {# años}} juntos: gracias, {account}',
    'anniversary.today':
      '{years, plural, =1 {Hoy se cumple un año} other {Hoy se cumplen # años}} desde que {account} confió en nosotros, y quería darle las gracias.',
    'anniversary.feedback':
      'Sus comentarios han dado forma a mucho de lo que hacemos. Si hay algo que podamos hacer mejor el próximo año, solo tiene que responder: me llega directamente a mí.',
    'greeting.signOff': 'Un abrazo,',

    'page.survey.title': 'Su opinión',
    'page.survey.errorTitle': 'Error: su opinión',
    'page.survey.heading': 'Hola, {name}: ¿qué tal lo estamos haciendo?',
    'page.survey.headingAnonymous': '¿Qué tal lo estamos haciendo?',
    'page.survey.intro':
      '{asked, select, yes {{owner} le pide su opinión. Le llevará menos de un minuto, y solo las personas de {company} verán su respuesta.} other {Le llevará menos de un minuto, y solo las personas de {company} verán su respuesta.}}',
    'page.survey.introNoCompany':
      '{asked, select, yes {{owner} le pide su opinión. Le llevará menos de un minuto, y solo las personas de nuestra empresa verán su respuesta.} other {Le llevará menos de un minuto, y solo las personas de nuestra empresa verán su respuesta.}}',
    'page.survey.scaleEnd': '{score} = {meaning}',
    'page.survey.optional': '(opcional)',
    'page.survey.commentHint':
      'Hasta {max, number} caracteres. Podrá cambiar su respuesta más adelante desde el mismo enlace.',
    'page.survey.submit': 'Enviar mi respuesta',
    'page.survey.noScore': 'Elija una puntuación de {min} a {max}.',
    'page.survey.unreadable':
      'Su comentario contiene caracteres que no podemos leer. Vuelva a escribirlo, por favor.',
    'page.survey.tooLong':
      'Su comentario tiene {length, number} caracteres; acórtelo a {max, number}, por favor.',
    'page.footer': '¿No quiere recibir encuestas como esta? <link>Dejar de recibir encuestas</link>',
    'page.thanks.title': 'Gracias',
    'page.thanks.heading': '¡Gracias!',
    'page.thanks.recorded':
      '{revised, select, yes {Hemos actualizado su respuesta} other {Hemos registrado su respuesta}}: <b>{score} de {max}</b>{comment, select, yes {, con su comentario} other {}}.',
    'page.thanks.owner':
      '{owner} la verá y quizá se ponga en contacto con usted. Ya puede cerrar esta página.',
    'page.thanks.team':
      'Su equipo de atención al cliente la verá y quizá se ponga en contacto con usted. Ya puede cerrar esta página.',
    'page.thanks.change':
      '¿Ha cambiado de opinión? <link>Cambie su respuesta</link>; al enviarla de nuevo, sustituye a esta.',
    'page.final.title': 'Su respuesta es definitiva',
    'page.final.body':
      'Esta respuesta ya se ha cambiado tantas veces como es posible, así que la hemos dejado como está: <b>{score} de {max}</b>{comment, select, yes {, con su comentario} other {}}.',
    'page.unsubscribe.title': 'Darse de baja',
    'page.unsubscribe.heading': '¿Darse de baja?',
    'page.unsubscribe.question':
      '¿Dejar de recibir todos los correos de {company} en <b>{email}</b>? Eso incluye los mensajes de seguimiento y las encuestas.',
    'page.unsubscribe.questionNoCompany':
      '¿Dejar de recibir todos nuestros correos en <b>{email}</b>? Eso incluye los mensajes de seguimiento y las encuestas.',
    'page.unsubscribe.button': 'Darse de baja',
    'page.unsubscribe.cancel':
      '¿Ha cambiado de opinión? Simplemente cierre esta página; no cambia nada hasta que pulse el botón.',
    'page.unsubscribed.title': 'Baja confirmada',
    'page.unsubscribed.heading': 'Se ha dado de baja',
    'page.unsubscribed.body': 'No enviaremos más correos a <b>{email}</b>.',
    'page.unsubscribed.mistake':
      'Si ha sido un error, responda a uno de nuestros correos anteriores y su contacto lo solucionará.',
    'page.surveyOptOut.title': 'Dejar de recibir encuestas',
    'page.surveyOptOut.heading': '¿Dejar de recibir encuestas?',
    'page.surveyOptOut.question':
      '¿Dejar de enviar encuestas a <b>{email}</b>? Seguirá recibiendo los mensajes personales de su equipo de cuenta, cada uno con su propio enlace para darse de baja.',
    'page.surveyOptOut.button': 'Dejar de recibir encuestas',
    'page.surveyOptedOut.title': 'No más encuestas',
    'page.surveyOptedOut.heading': 'No más encuestas',
    'page.surveyOptedOut.body':
      'Ya no enviaremos encuestas a <b>{email}</b>. Los mensajes personales de su equipo de cuenta seguirán llegando; cada uno incluye también un enlace para darse de baja.',
    'page.privacy': '<link>Política de privacidad</link>',

    'error.expired.title': 'Este enlace ha caducado',
    'error.expired.lead':
      'Los enlaces de nuestros correos funcionan durante un tiempo limitado, y el de este ya ha pasado.',
    'error.expired.next':
      'Si aún quiere contarnos algo, responda al correo; la respuesta le llega directamente a su contacto.',
    'error.superseded.title': 'Esta cuenta tiene un nuevo responsable',
    'error.superseded.lead':
      'Este enlace se envió al responsable anterior de la cuenta. La cuenta ha cambiado de manos, así que el enlace ya no actúa sobre ella y no se ha modificado nada.',
    'error.superseded.next':
      'Las alertas y los resúmenes del responsable actual incluyen enlaces que funcionan.',
    'error.tampered.title': 'Este enlace parece dañado',
    'error.tampered.lead':
      'Parece que falta o ha cambiado una parte del enlace, algo que puede ocurrir al copiarlo o cuando se parte en varias líneas.',
    'error.tampered.next': 'Ábralo de nuevo desde el correo original, o responda al correo.',
    'error.unknown.title': 'No reconocemos este enlace',
    'error.unknown.lead':
      'Este enlace no coincide con nada que hayamos enviado, o se ha sustituido por uno más reciente.',
    'error.unknown.next':
      'Abra el enlace del correo más reciente que haya recibido de nosotros, o responda a ese correo.',
    'error.400.title': 'No hemos podido leerlo',
    'error.400.lead': 'Algo de lo que envió su navegador no tenía la forma que esperábamos.',
    'error.400.next':
      'Vuelva atrás, revise su respuesta y envíela de nuevo. Si vuelve a ocurrir, responda al correo.',
    'error.403.title': 'Este formulario venía de otro sitio web',
    'error.403.lead': 'Para protegerle, solo aceptamos respuestas enviadas desde nuestra propia página.',
    'error.403.next': 'Abra el enlace de su correo y responda allí.',
    'error.404.title': 'Página no encontrada',
    'error.404.lead': 'No hay nada en esta dirección.',
    'error.404.next': 'Compruebe que se abrió el enlace completo del correo, o responda al correo.',
    'error.405.title': 'Eso no funciona aquí',
    'error.405.lead': 'Esta dirección no se puede usar de esa manera.',
    'error.405.next': 'Abra el enlace de su correo en un navegador y use el botón de la página.',
    'error.413.title': 'Era demasiado largo',
    'error.413.lead':
      'Lo que envió supera lo que aceptamos; los comentarios pueden tener hasta {max, number} caracteres.',
    'error.413.next': 'Vuelva atrás, acorte su comentario y envíelo de nuevo.',
    'error.500.title': 'Algo ha fallado por nuestra parte',
    'error.500.lead': 'No hemos podido terminar en este momento. No es culpa suya.',
    'error.500.next': 'Vuelva a intentarlo dentro de unos minutos.',
    'error.other.title': 'Eso no ha funcionado',
    'error.other.lead': 'No hemos podido atender esta solicitud.',
    'error.other.next': 'Vuelva a abrir el enlace de su correo, o responda al correo.',
  },
} satisfies Catalogue;
