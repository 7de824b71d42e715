import type { Catalogue } from '../catalogue.ts';

/** Português (do Brasil): de "você", próximo e sem cara de mala direta. */
export default {
  dir: 'ltr',
  formatLocale: 'pt-BR',
  messages: {
    'greeting.named': 'Olá, {name},',
    'greeting.anonymous': 'Olá,',
    'signature.team': 'Sua equipe de atendimento',

    'footer.checkIn':
      'Você está recebendo esta mensagem porque é um contato de {account}. Não quer mais receber estes contatos? <link>Cancelar inscrição</link>.',
    'footer.survey':
      'Você está recebendo esta mensagem porque é um contato de {account}. Não quer mais receber nossas pesquisas? <link>Parar de receber pesquisas</link>.',
    'footer.greeting':
      'Você está recebendo esta mensagem porque é um contato de {account}. Prefere não receber estas mensagens? <link>Cancelar inscrição</link>.',
    'footer.privacy': '<link>Política de privacidade</link>',

    'checkIn.sinceWrote':
      'Escrevi para você há {span, select, fewDays {alguns dias} twoWeeks {umas duas semanas} threeWeeks {três semanas} month {cerca de um mês} twoMonths {uns dois meses} threeMonths {uns três meses} fewMonths {alguns meses} mostOfYear {quase um ano} year {cerca de um ano} other {mais de um ano}}, então queria retomar a conversa.',
    'checkIn.sinceNever':
      'Acho que ainda não tivemos a chance de conversar direito, e eu gostaria de mudar isso.',
    'checkIn.sinceAnswered':
      'Faz {span, select, fewDays {alguns dias} twoWeeks {umas duas semanas} threeWeeks {três semanas} month {cerca de um mês} twoMonths {uns dois meses} threeMonths {uns três meses} fewMonths {alguns meses} mostOfYear {quase um ano} year {cerca de um ano} other {mais de um ano}} que você respondeu à nossa pesquisa, então queria saber como vão as coisas.',
    'checkIn.sinceSpoke':
      'Faz {span, select, fewDays {alguns dias} twoWeeks {umas duas semanas} threeWeeks {três semanas} month {cerca de um mês} twoMonths {uns dois meses} threeMonths {uns três meses} fewMonths {alguns meses} mostOfYear {quase um ano} year {cerca de um ano} other {mais de um ano}} que conversamos pela última vez, então queria saber como vão as coisas.',
    'checkIn.sinceInTouch':
      'Faz {span, select, fewDays {alguns dias} twoWeeks {umas duas semanas} threeWeeks {três semanas} month {cerca de um mês} twoMonths {uns dois meses} threeMonths {uns três meses} fewMonths {alguns meses} mostOfYear {quase um ano} year {cerca de um ano} other {mais de um ano}} que não nos falamos, então queria saber como vão as coisas.',
    'checkIn.about1': 'Como estão as coisas com {products} na {account}?',
    'checkIn.about2':
      'Como {count, plural, one {está funcionando} other {estão funcionando}} {products} para a equipe da {account}?',
    'checkIn.about3':
      'Eu adoraria saber como {count, plural, one {está indo} other {estão indo}} {products} para vocês na {account}.',
    'checkIn.aboutAccount': 'Como estão as coisas na {account}?',
    'checkIn.renewal':
      'A sua renovação é em {renewal, date, dayMonth}; se houver algo que você queira mudar ou conversar antes disso, agora é um ótimo momento.',
    'checkIn.ask1':
      'Posso ajudar em alguma coisa, ou tem algo que não está funcionando tão bem quanto deveria? É só responder a este e-mail; ele chega direto para mim.',
    'checkIn.ask2':
      'Se alguma coisa tem atrapalhado, ou se há algo que você gostaria que fizéssemos melhor, eu quero muito saber. Uma resposta rápida já basta.',
    'checkIn.ask3': 'Tem algo na sua cabeça, bom ou ruim? Responda aqui e chega direto para mim.',
    'checkIn.subject1': '{name}, como vão as coisas?',
    'checkIn.subject1Anonymous': 'Como vão as coisas?',
    'checkIn.subject2': 'Como vão as coisas na {account}?',
    'checkIn.subject3': 'Um alô rápido, {name}',
    'checkIn.subject3Owner': 'Um alô rápido de {owner}',
    'checkIn.subject3Anonymous': 'Um alô rápido',
    'checkIn.signOff': 'Abraço,',

    'survey.openerReminder':
      'Caso minha última mensagem tenha se perdido: é só uma pergunta rápida, e a sua resposta vem direto para mim.',
    'survey.opener1':
      'Você teria dez segundos para uma pergunta? A sua resposta vem direto para mim e nos ajuda a cuidar ainda melhor da {account}.',
    'survey.opener2': 'Uma pergunta rápida, se você tiver um minutinho. Eu mesmo leio cada resposta.',
    'survey.question.nps':
      '{about, select, named {Qual a probabilidade de você recomendar {name} a um amigo ou colega?} other {Qual a probabilidade de você nos recomendar a um amigo ou colega?}}',
    'survey.question.csat':
      '{about, select, named {Qual o seu nível de satisfação com {name}?} other {Qual o seu nível de satisfação com o nosso atendimento?}}',
    'survey.followUp.nps': 'Qual é o principal motivo da sua nota?',
    'survey.followUp.csat': 'O que poderíamos fazer melhor?',
    'survey.low.nps': 'Nada provável',
    'survey.high.nps': 'Extremamente provável',
    'survey.low.csat': 'Muito insatisfeito',
    'survey.high.csat': 'Muito satisfeito',
    'survey.csatScore':
      '{score, plural, =1 {muito insatisfeito} =2 {insatisfeito} =3 {neutro} =4 {satisfeito} other {muito satisfeito}}',
    'survey.clickHint':
      'Clique em um número para abrir uma página curta onde você pode deixar um comentário, se quiser.',
    'survey.answerHere': 'Responda aqui ({min} = {low}, {max} = {high}):',
    'survey.signOff': 'Obrigado,',

    'birthday.subject': 'Feliz aniversário, {name}!',
    'birthday.subjectAnonymous': 'Feliz aniversário!',
    'birthday.wish1':
      'Só passando para desejar um feliz aniversário. Espero que hoje você consiga tirar um tempinho para você.',
    'birthday.wish2': 'Feliz aniversário! Que o dia traga coisas boas, e quem sabe um pedaço de bolo.',
    'birthday.wish3': 'Feliz aniversário e um ótimo ano pela frente!',
    'birthday.thanks':
      'Obrigado por tudo o que você faz com a gente na {account}; é um prazer trabalhar com você.',
    'anniversary.subject': '{years, plural, =1 {Um ano} other {# anos}} juntos: obrigado, {account}',
    'anniversary.today':
      '{years, plural, =1 {Hoje faz um ano} other {Hoje faz # anos}} que a {account} se tornou nossa cliente, e eu queria agradecer.',
    'anniversary.feedback':
      'O seu feedback ajudou a moldar muito do que fazemos. Se houver algo que possamos fazer melhor no próximo ano, é só responder: chega direto para mim.',
    'greeting.signOff': 'Um grande abraço,',

    'page.survey.title': 'Sua opinião',
    'page.survey.errorTitle': 'Erro: sua opinião',
    'page.survey.heading': 'Olá, {name}! Como estamos nos saindo?',
    'page.survey.headingAnonymous': 'Como estamos nos saindo?',
    'page.survey.intro':
      '{asked, select, yes {{owner} pediu a sua opinião. Leva menos de um minuto, e só as pessoas da {company} veem a sua resposta.} other {Leva menos de um minuto, e só as pessoas da {company} veem a sua resposta.}}',
    'page.survey.introNoCompany':
      '{asked, select, yes {{owner} pediu a sua opinião. Leva menos de um minuto, e só as pessoas da nossa empresa veem a sua resposta.} other {Leva menos de um minuto, e só as pessoas da nossa empresa veem a sua resposta.}}',
    'page.survey.scaleEnd': '{score} = {meaning}',
    'page.survey.optional': '(opcional)',
    'page.survey.commentHint':
      'Até {max, number} caracteres. Você pode mudar a sua resposta depois pelo mesmo link.',
    'page.survey.submit': 'Enviar minha resposta',
    'page.survey.noScore': 'Escolha uma nota de {min} a {max}.',
    'page.survey.unreadable':
      'O seu comentário tem caracteres que não conseguimos ler. Digite-o novamente, por favor.',
    'page.survey.tooLong':
      'O seu comentário tem {length, number} caracteres; encurte-o para {max, number}, por favor.',
    'page.footer': 'Não quer receber pesquisas como esta? <link>Parar de receber pesquisas</link>',
    'page.thanks.title': 'Obrigado',
    'page.thanks.heading': 'Obrigado!',
    'page.thanks.recorded':
      '{revised, select, yes {Atualizamos a sua resposta} other {Registramos a sua resposta}}: <b>{score} de {max}</b>{comment, select, yes {, com o seu comentário} other {}}.',
    'page.thanks.owner':
      '{owner} vai ver a sua resposta e talvez entre em contato. Você já pode fechar esta página.',
    'page.thanks.team':
      'A sua equipe de atendimento vai ver a sua resposta e talvez entre em contato. Você já pode fechar esta página.',
    'page.thanks.change':
      'Mudou de ideia? <link>Altere a sua resposta</link>; enviar de novo substitui esta.',
    'page.final.title': 'A sua resposta é definitiva',
    'page.final.body':
      'Esta resposta já foi alterada o máximo de vezes possível, então a mantivemos como está: <b>{score} de {max}</b>{comment, select, yes {, com o seu comentário} other {}}.',
    'page.unsubscribe.title': 'Cancelar inscrição',
    'page.unsubscribe.heading': 'Cancelar inscrição?',
    'page.unsubscribe.question':
      'Parar de receber todos os e-mails da {company} em <b>{email}</b>? Isso inclui os contatos de acompanhamento e as pesquisas.',
    'page.unsubscribe.questionNoCompany':
      'Parar de receber todos os nossos e-mails em <b>{email}</b>? Isso inclui os contatos de acompanhamento e as pesquisas.',
    'page.unsubscribe.button': 'Cancelar inscrição',
    'page.unsubscribe.cancel': 'Mudou de ideia? É só fechar esta página; nada muda até você apertar o botão.',
    'page.unsubscribed.title': 'Inscrição cancelada',
    'page.unsubscribed.heading': 'A sua inscrição foi cancelada',
    'page.unsubscribed.body': 'Não vamos mais enviar e-mails para <b>{email}</b>.',
    'page.unsubscribed.mistake':
      'Se foi um engano, responda a um dos nossos e-mails anteriores e o seu contato resolve.',
    'page.surveyOptOut.title': 'Parar de receber pesquisas',
    'page.surveyOptOut.heading': 'Parar de receber pesquisas?',
    'page.surveyOptOut.question':
      'Parar de enviar pesquisas para <b>{email}</b>? As mensagens pessoais da sua equipe de conta continuam chegando, cada uma com o próprio link para cancelar.',
    'page.surveyOptOut.button': 'Parar de receber pesquisas',
    'page.surveyOptedOut.title': 'Sem mais pesquisas',
    'page.surveyOptedOut.heading': 'Sem mais pesquisas',
    'page.surveyOptedOut.body':
      'Não enviaremos mais pesquisas para <b>{email}</b>. As mensagens pessoais da sua equipe de conta continuam chegando; cada uma também tem um link para cancelar.',
    'page.privacy': '<link>Política de privacidade</link>',

    'error.expired.title': 'Este link expirou',
    'error.expired.lead': 'Os links dos nossos e-mails funcionam por um tempo limitado, e o deste acabou.',
    'error.expired.next':
      'Se ainda quiser nos dizer algo, é só responder ao e-mail; a resposta chega direto ao seu contato.',
    'error.superseded.title': 'Esta conta tem um novo responsável',
    'error.superseded.lead':
      'Este link foi enviado ao responsável anterior da conta. A conta mudou de mãos desde então, por isso o link não vale mais para ela, e nada foi alterado.',
    'error.superseded.next': 'Os alertas e resumos do responsável atual trazem links que funcionam.',
    'error.tampered.title': 'Este link parece danificado',
    'error.tampered.lead':
      'Parte do link parece estar faltando ou alterada, o que pode acontecer quando um link é copiado ou quebrado em várias linhas.',
    'error.tampered.next': 'Abra-o novamente clicando no e-mail original, ou responda ao e-mail.',
    'error.unknown.title': 'Não reconhecemos este link',
    'error.unknown.lead':
      'Este link não corresponde a nada que enviamos, ou foi substituído por um mais recente.',
    'error.unknown.next':
      'Abra o link do e-mail mais recente que você recebeu de nós, ou responda a esse e-mail.',
    'error.400.title': 'Não conseguimos ler isso',
    'error.400.lead': 'Algo no que o seu navegador enviou não estava no formato esperado.',
    'error.400.next':
      'Volte, confira a sua resposta e envie de novo. Se continuar acontecendo, responda ao e-mail.',
    'error.403.title': 'Este formulário veio de outro site',
    'error.403.lead': 'Para a sua proteção, só aceitamos respostas enviadas pela nossa própria página.',
    'error.403.next': 'Abra o link do seu e-mail e responda por lá.',
    'error.404.title': 'Página não encontrada',
    'error.404.lead': 'Não há nada neste endereço.',
    'error.404.next': 'Confira se o link completo do e-mail foi aberto, ou responda ao e-mail.',
    'error.405.title': 'Isso não funciona aqui',
    'error.405.lead': 'Este endereço não pode ser usado desse jeito.',
    'error.405.next': 'Abra o link do seu e-mail em um navegador e use o botão da página.',
    'error.413.title': 'Ficou longo demais',
    'error.413.lead':
      'O que você enviou é maior do que aceitamos; os comentários podem ter até {max, number} caracteres.',
    'error.413.next': 'Volte, encurte o seu comentário e envie de novo.',
    'error.500.title': 'Algo deu errado do nosso lado',
    'error.500.lead': 'Não conseguimos concluir isso agora. A culpa não é sua.',
    'error.500.next': 'Tente de novo em alguns minutos.',
    'error.other.title': 'Isso não deu certo',
    'error.other.lead': 'Não conseguimos atender a esta solicitação.',
    'error.other.next': 'Abra o link do seu e-mail de novo, ou responda ao e-mail.',
  },
} satisfies Catalogue;
