import type { Catalogue } from '../catalogue.ts';

/** Français : vouvoiement, ton direct et chaleureux. */
export default {
  dir: 'ltr',
  messages: {
    'greeting.named': 'Bonjour {name},',
    'greeting.anonymous': 'Bonjour,',
    'signature.team': 'Votre équipe de suivi client',

    'footer.checkIn':
      'Vous recevez ce message parce que vous êtes un contact de {account}. Vous ne souhaitez plus recevoir ces prises de nouvelles ? <link>Se désabonner</link>.',
    'footer.survey':
      'Vous recevez ce message parce que vous êtes un contact de {account}. Vous ne souhaitez plus recevoir nos questionnaires ? <link>Ne plus recevoir de questionnaires</link>.',
    'footer.greeting':
      'Vous recevez ce message parce que vous êtes un contact de {account}. Vous préférez ne plus recevoir ces messages ? <link>Se désabonner</link>.',
    'footer.privacy': '<link>Politique de confidentialité</link>',

    'checkIn.sinceWrote':
      'Je vous ai écrit il y a {span, select, fewDays {quelques jours} twoWeeks {une quinzaine de jours} threeWeeks {trois semaines} month {environ un mois} twoMonths {environ deux mois} threeMonths {environ trois mois} fewMonths {quelques mois} mostOfYear {près d’un an} year {environ un an} other {plus d’un an}}, alors je me permets de revenir vers vous.',
    'checkIn.sinceNever':
      'Je crois que nous n’avons pas encore vraiment pris le temps d’échanger, et j’aimerais y remédier.',
    'checkIn.sinceAnswered':
      'Vous avez répondu à notre questionnaire il y a {span, select, fewDays {quelques jours} twoWeeks {une quinzaine de jours} threeWeeks {trois semaines} month {environ un mois} twoMonths {environ deux mois} threeMonths {environ trois mois} fewMonths {quelques mois} mostOfYear {près d’un an} year {environ un an} other {plus d’un an}}, alors je voulais prendre de vos nouvelles.',
    'checkIn.sinceSpoke':
      'Nous nous sommes parlé il y a {span, select, fewDays {quelques jours} twoWeeks {une quinzaine de jours} threeWeeks {trois semaines} month {environ un mois} twoMonths {environ deux mois} threeMonths {environ trois mois} fewMonths {quelques mois} mostOfYear {près d’un an} year {environ un an} other {plus d’un an}}, alors je voulais prendre de vos nouvelles.',
    'checkIn.sinceInTouch':
      'Nous avons échangé pour la dernière fois il y a {span, select, fewDays {quelques jours} twoWeeks {une quinzaine de jours} threeWeeks {trois semaines} month {environ un mois} twoMonths {environ deux mois} threeMonths {environ trois mois} fewMonths {quelques mois} mostOfYear {près d’un an} year {environ un an} other {plus d’un an}}, alors je voulais prendre de vos nouvelles.',
    'checkIn.about1': 'Comment ça se passe avec {products} chez {account} ?',
    'checkIn.about2':
      'Comment {count, plural, one {se passe} other {se passent}} {products} pour l’équipe de {account} ?',
    'checkIn.about3':
      'J’aimerais beaucoup savoir comment {count, plural, one {se passe} other {se passent}} {products} pour vous chez {account}.',
    'checkIn.aboutAccount': 'Comment ça se passe chez {account} ?',
    'checkIn.renewal':
      'Votre renouvellement arrive le {renewal, date, dayMonth} : si vous souhaitez changer quelque chose ou en parler d’ici là, c’est le bon moment.',
    'checkIn.ask1':
      'Puis-je vous aider sur quoi que ce soit, ou y a-t-il quelque chose qui ne fonctionne pas aussi bien qu’il le devrait ? Répondez simplement à ce message, il m’arrive directement.',
    'checkIn.ask2':
      'Si quelque chose vous freine, ou si vous aimeriez que nous fassions mieux sur un point, j’aimerais vraiment le savoir. Une réponse rapide suffit.',
    'checkIn.ask3':
      'Quelque chose vous préoccupe, en bien ou en moins bien ? Répondez ici, votre message m’arrive directement.',
    'checkIn.subject1': '{name}, des nouvelles ?',
    'checkIn.subject1Anonymous': 'Prendre de vos nouvelles',
    'checkIn.subject2': 'Des nouvelles de {account} ?',
    'checkIn.subject3': 'Un petit point, {name} ?',
    'checkIn.subject3Owner': 'Un petit point avec {owner}',
    'checkIn.subject3Anonymous': 'Un petit point',
    'checkIn.signOff': 'Bien à vous,',

    'survey.openerReminder':
      'Au cas où mon dernier message se serait perdu : une seule petite question, et votre réponse m’arrive directement.',
    'survey.opener1':
      'Auriez-vous dix secondes pour une question ? Votre réponse m’arrive directement et nous aide à mieux accompagner {account}.',
    'survey.opener2': 'Une petite question, si vous avez un instant. Je lis chaque réponse moi-même.',
    'survey.question.nps':
      '{about, select, named {Quelle est la probabilité que vous recommandiez {name} à un ami ou à un collègue ?} other {Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?}}',
    'survey.question.csat':
      '{about, select, named {Dans quelle mesure êtes-vous satisfait de {name} ?} other {Dans quelle mesure êtes-vous satisfait de notre service ?}}',
    'survey.followUp.nps': 'Quelle est la principale raison de votre note ?',
    'survey.followUp.csat': 'Que pourrions-nous améliorer ?',
    'survey.low.nps': 'Pas du tout probable',
    'survey.high.nps': 'Extrêmement probable',
    'survey.low.csat': 'Très insatisfait',
    'survey.high.csat': 'Très satisfait',
    'survey.csatScore':
      '{score, plural, =1 {très insatisfait} =2 {insatisfait} =3 {neutre} =4 {satisfait} other {très satisfait}}',
    'survey.clickHint':
      'Cliquez sur un chiffre pour ouvrir une courte page où vous pourrez ajouter un commentaire si vous le souhaitez.',
    'survey.answerHere': 'Répondre ici ({min} = {low}, {max} = {high}) :',
    'survey.signOff': 'Merci,',

    'birthday.subject': 'Joyeux anniversaire, {name} !',
    'birthday.subjectAnonymous': 'Joyeux anniversaire !',
    'birthday.wish1':
      'Juste un petit mot pour vous souhaiter un très joyeux anniversaire. J’espère que vous pourrez prendre un peu de temps pour vous aujourd’hui.',
    'birthday.wish2':
      'Joyeux anniversaire ! J’espère que la journée vous réserve de bonnes surprises, et peut-être une part de gâteau.',
    'birthday.wish3': 'Je vous souhaite un joyeux anniversaire et une excellente année à venir.',
    'birthday.thanks':
      'Merci pour tout ce que vous faites avec nous chez {account} ; c’est un plaisir de travailler avec vous.',
    'anniversary.subject': '{years, plural, =1 {Un an} one {# an} other {# ans}} ensemble : merci, {account}',
    'anniversary.today':
      'Cela fait aujourd’hui {years, plural, =1 {un an} one {# an} other {# ans}} que {account} nous fait confiance, et je tenais à vous dire merci.',
    'anniversary.feedback':
      'Vos retours ont façonné une bonne partie de ce que nous faisons. Si nous pouvons faire mieux l’année prochaine, répondez simplement : votre message m’arrive directement.',
    'greeting.signOff': 'Bien chaleureusement,',

    'page.survey.title': 'Votre avis',
    'page.survey.errorTitle': 'Erreur : votre avis',
    'page.survey.heading': 'Bonjour {name}, comment trouvez-vous notre travail ?',
    'page.survey.headingAnonymous': 'Comment trouvez-vous notre travail ?',
    'page.survey.intro':
      '{asked, select, yes {{owner} aimerait avoir votre avis. Cela prend moins d’une minute, et seules les personnes de {company} voient votre réponse.} other {Cela prend moins d’une minute, et seules les personnes de {company} voient votre réponse.}}',
    'page.survey.introNoCompany':
      '{asked, select, yes {{owner} aimerait avoir votre avis. Cela prend moins d’une minute, et seules les personnes de notre entreprise voient votre réponse.} other {Cela prend moins d’une minute, et seules les personnes de notre entreprise voient votre réponse.}}',
    'page.survey.scaleEnd': '{score} = {meaning}',
    'page.survey.optional': '(facultatif)',
    'page.survey.commentHint':
      'Jusqu’à {max, number} caractères. Vous pourrez modifier votre réponse plus tard avec le même lien.',
    'page.survey.submit': 'Envoyer ma réponse',
    'page.survey.noScore': 'Veuillez choisir une note de {min} à {max}.',
    'page.survey.unreadable':
      'Votre commentaire contient des caractères que nous ne pouvons pas lire. Merci de le saisir à nouveau.',
    'page.survey.tooLong':
      'Votre commentaire fait {length, number} caractères ; merci de le raccourcir à {max, number}.',
    'page.footer':
      'Vous ne souhaitez plus recevoir ce type de questionnaire ? <link>Ne plus recevoir de questionnaires</link>',
    'page.thanks.title': 'Merci',
    'page.thanks.heading': 'Merci !',
    'page.thanks.recorded':
      '{revised, select, yes {Nous avons mis à jour votre réponse} other {Nous avons enregistré votre réponse}} : <b>{score} sur {max}</b>{comment, select, yes {, avec votre commentaire} other {}}.',
    'page.thanks.owner': '{owner} la verra et vous recontactera peut-être. Vous pouvez fermer cette page.',
    'page.thanks.team':
      'Votre équipe de suivi client la verra et vous recontactera peut-être. Vous pouvez fermer cette page.',
    'page.thanks.change':
      'Vous avez changé d’avis ? <link>Modifier votre réponse</link> ; le nouvel envoi remplace celui-ci.',
    'page.final.title': 'Votre réponse est définitive',
    'page.final.body':
      'Cette réponse a été modifiée autant de fois que possible, nous l’avons donc conservée telle quelle : <b>{score} sur {max}</b>{comment, select, yes {, avec votre commentaire} other {}}.',
    'page.unsubscribe.title': 'Se désabonner',
    'page.unsubscribe.heading': 'Se désabonner ?',
    'page.unsubscribe.question':
      'Ne plus recevoir aucun message de {company} à l’adresse <b>{email}</b> ? Cela comprend les prises de nouvelles et les questionnaires.',
    'page.unsubscribe.questionNoCompany':
      'Ne plus recevoir aucun message de notre part à l’adresse <b>{email}</b> ? Cela comprend les prises de nouvelles et les questionnaires.',
    'page.unsubscribe.button': 'Se désabonner',
    'page.unsubscribe.cancel':
      'Vous avez changé d’avis ? Fermez simplement cette page : rien ne change tant que vous n’appuyez pas sur le bouton.',
    'page.unsubscribed.title': 'Désabonnement confirmé',
    'page.unsubscribed.heading': 'Vous êtes désabonné',
    'page.unsubscribed.body': 'Nous n’enverrons plus de messages à <b>{email}</b>.',
    'page.unsubscribed.mistake':
      'S’il s’agit d’une erreur, répondez à l’un de nos messages précédents et votre contact arrangera cela.',
    'page.surveyOptOut.title': 'Ne plus recevoir de questionnaires',
    'page.surveyOptOut.heading': 'Ne plus recevoir de questionnaires ?',
    'page.surveyOptOut.question':
      'Ne plus envoyer de questionnaires à <b>{email}</b> ? Les messages personnels de votre équipe de compte continueront d’arriver, chacun avec son propre lien pour les arrêter.',
    'page.surveyOptOut.button': 'Ne plus recevoir de questionnaires',
    'page.surveyOptedOut.title': 'Plus de questionnaires',
    'page.surveyOptedOut.heading': 'Plus de questionnaires',
    'page.surveyOptedOut.body':
      'Nous n’enverrons plus de questionnaires à <b>{email}</b>. Les messages personnels de votre équipe de compte continuent d’arriver ; chacun contient aussi un lien pour les arrêter.',
    'page.privacy': '<link>Politique de confidentialité</link>',

    'error.expired.title': 'Ce lien a expiré',
    'error.expired.lead':
      'Les liens de nos messages ne fonctionnent qu’un temps, et celui-ci n’est plus valable.',
    'error.expired.next':
      'Si vous souhaitez tout de même nous dire quelque chose, répondez simplement au message : votre contact le recevra directement.',
    'error.superseded.title': 'Ce compte a changé de responsable',
    'error.superseded.lead':
      'Ce lien avait été envoyé à l’ancien responsable du compte. Le compte a changé de mains depuis : le lien ne s’y applique plus et rien n’a été modifié.',
    'error.superseded.next':
      'Les alertes et les récapitulatifs du responsable actuel contiennent des liens valables.',
    'error.tampered.title': 'Ce lien semble abîmé',
    'error.tampered.lead':
      'Une partie du lien semble manquer ou avoir changé, ce qui arrive quand un lien est copié ou coupé sur plusieurs lignes.',
    'error.tampered.next':
      'Ouvrez-le à nouveau en cliquant dessus dans le message d’origine, ou répondez plutôt au message.',
    'error.unknown.title': 'Nous ne reconnaissons pas ce lien',
    'error.unknown.lead':
      'Ce lien ne correspond à rien de ce que nous avons envoyé, ou il a été remplacé par un plus récent.',
    'error.unknown.next':
      'Ouvrez le lien du dernier message que vous avez reçu de notre part, ou répondez à ce message.',
    'error.400.title': 'Nous n’avons pas pu lire cela',
    'error.400.lead': 'Une partie de ce que votre navigateur a envoyé n’avait pas la forme attendue.',
    'error.400.next':
      'Revenez en arrière, vérifiez votre réponse et renvoyez-la. Si le problème persiste, répondez plutôt au message.',
    'error.403.title': 'Ce formulaire vient d’un autre site',
    'error.403.lead':
      'Pour vous protéger, nous n’acceptons que les réponses envoyées depuis notre propre page.',
    'error.403.next': 'Ouvrez le lien de votre message et répondez sur cette page.',
    'error.404.title': 'Page introuvable',
    'error.404.lead': 'Il n’y a rien à cette adresse.',
    'error.404.next':
      'Vérifiez que le lien complet du message a bien été ouvert, ou répondez plutôt au message.',
    'error.405.title': 'Cela ne fonctionne pas ici',
    'error.405.lead': 'Cette adresse ne peut pas être utilisée de cette façon.',
    'error.405.next': 'Ouvrez le lien de votre message dans un navigateur et utilisez le bouton de la page.',
    'error.413.title': 'C’était trop long',
    'error.413.lead':
      'Votre envoi dépassait la taille que nous acceptons ; les commentaires peuvent compter jusqu’à {max, number} caractères.',
    'error.413.next': 'Revenez en arrière, raccourcissez votre commentaire et renvoyez-le.',
    'error.500.title': 'Un problème est survenu de notre côté',
    'error.500.lead': 'Nous n’avons pas pu terminer cette action pour le moment. Vous n’y êtes pour rien.',
    'error.500.next': 'Merci de réessayer dans quelques minutes.',
    'error.other.title': 'Cela n’a pas fonctionné',
    'error.other.lead': 'Nous n’avons pas pu traiter cette demande.',
    'error.other.next': 'Ouvrez à nouveau le lien de votre message, ou répondez plutôt au message.',
  },
} satisfies Catalogue;
