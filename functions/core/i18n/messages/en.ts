/**
 * English, the source catalogue: every key of every other catalogue is one of these, and a key a
 * catalogue lacks falls back to this text. ICU MessageFormat: `{name}` is a value, `{n, plural,
 * ...}` and `{x, select, ...}` choose words, `<link>…</link>` and `<b>…</b>` wrap words in markup.
 * `{span, select, ...}` takes fewDays, twoWeeks, threeWeeks, month, twoMonths, threeMonths,
 * fewMonths, mostOfYear, year, overYear.
 */
export const messages = {
  'greeting.named': 'Hi {name},',
  'greeting.anonymous': 'Hi there,',
  'signature.team': 'Your account team',

  'footer.checkIn':
    "You're receiving this because you're a contact for {account}. Don't want these check-ins? <link>Unsubscribe</link>.",
  'footer.survey':
    "You're receiving this because you're a contact for {account}. Don't want surveys from us? <link>Stop surveys</link>.",
  'footer.greeting':
    "You're receiving this because you're a contact for {account}. Rather not get these? <link>Unsubscribe</link>.",
  'footer.privacy': '<link>Privacy policy</link>',

  'checkIn.sinceWrote':
    "It's been {span, select, fewDays {a few days} twoWeeks {a couple of weeks} threeWeeks {three weeks} month {about a month} twoMonths {about two months} threeMonths {about three months} fewMonths {a few months} mostOfYear {the better part of a year} year {about a year} other {over a year}} since I last wrote, so I wanted to follow up.",
  'checkIn.sinceNever': "I don't think we've properly caught up yet, and I'd like to change that.",
  'checkIn.sinceAnswered':
    "It's been {span, select, fewDays {a few days} twoWeeks {a couple of weeks} threeWeeks {three weeks} month {about a month} twoMonths {about two months} threeMonths {about three months} fewMonths {a few months} mostOfYear {the better part of a year} year {about a year} other {over a year}} since you answered our survey, so I wanted to check in.",
  'checkIn.sinceSpoke':
    "It's been {span, select, fewDays {a few days} twoWeeks {a couple of weeks} threeWeeks {three weeks} month {about a month} twoMonths {about two months} threeMonths {about three months} fewMonths {a few months} mostOfYear {the better part of a year} year {about a year} other {over a year}} since we last spoke, so I wanted to check in.",
  'checkIn.sinceInTouch':
    "It's been {span, select, fewDays {a few days} twoWeeks {a couple of weeks} threeWeeks {three weeks} month {about a month} twoMonths {about two months} threeMonths {about three months} fewMonths {a few months} mostOfYear {the better part of a year} year {about a year} other {over a year}} since we were last in touch, so I wanted to check in.",
  'checkIn.about1': 'How are things going with {products} at {account}?',
  'checkIn.about2':
    'How {count, plural, one {is} other {are}} {products} working out for the team at {account}?',
  'checkIn.about3':
    "I'd love to hear how {products} {count, plural, one {is} other {are}} going for you at {account}.",
  'checkIn.aboutAccount': 'How are things going at {account}?',
  'checkIn.renewal':
    "Your renewal comes up on {renewal, date, dayMonth}, so if there's anything you'd like to change or talk through before then, now is a good time.",
  'checkIn.ask1':
    "Is there anything I can help with, or anything that isn't working as well as it should? Just reply to this email; it comes straight to me.",
  'checkIn.ask2':
    "If anything has been getting in your way, or there's something you'd like us to do better, I'd really like to know. A quick reply is all it takes.",
  'checkIn.ask3': 'Anything on your mind, good or bad? Reply here and it comes straight to me.',
  'checkIn.subject1': '{name}, checking in',
  'checkIn.subject1Anonymous': 'Checking in',
  'checkIn.subject2': 'Checking in on {account}',
  'checkIn.subject3': 'Quick check-in, {name}',
  'checkIn.subject3Owner': 'Quick check-in from {owner}',
  'checkIn.subject3Anonymous': 'Quick check-in',
  'checkIn.signOff': 'Best,',

  'survey.openerReminder':
    'In case my last note got buried: one quick question, and your answer goes straight to me.',
  'survey.opener1':
    'Could you spare ten seconds for one question? Your answer goes straight to me and helps us look after {account} better.',
  'survey.opener2': 'One quick question, if you have a moment. I read every answer myself.',
  'survey.question.nps':
    '{about, select, named {How likely are you to recommend {name} to a friend or colleague?} other {How likely are you to recommend us to a friend or colleague?}}',
  'survey.question.csat':
    '{about, select, named {How satisfied are you with {name}?} other {How satisfied are you with our service?}}',
  'survey.followUp.nps': 'What is the main reason for your score?',
  'survey.followUp.csat': 'What could we do better?',
  'survey.low.nps': 'Not at all likely',
  'survey.high.nps': 'Extremely likely',
  'survey.low.csat': 'Very dissatisfied',
  'survey.high.csat': 'Very satisfied',
  'survey.csatScore':
    '{score, plural, =1 {very dissatisfied} =2 {dissatisfied} =3 {neutral} =4 {satisfied} other {very satisfied}}',
  'survey.clickHint': 'Click a number to open a short page where you can add a comment if you like.',
  'survey.answerHere': 'Answer here ({min} = {low}, {max} = {high}):',
  'survey.signOff': 'Thank you,',

  'birthday.subject': 'Happy birthday, {name}!',
  'birthday.subjectAnonymous': 'Happy birthday!',
  'birthday.wish1':
    'Just a quick note to wish you a very happy birthday. I hope you get to take some time for yourself today.',
  'birthday.wish2': 'Happy birthday! I hope the day brings you something good, and maybe a slice of cake.',
  'birthday.wish3': 'Wishing you a happy birthday and a great year ahead.',
  'birthday.thanks':
    "Thank you for everything you do with us at {account}; it's a pleasure working with you.",
  'anniversary.subject': '{years, plural, =1 {One year} other {# years}} together: thank you, {account}',
  'anniversary.today':
    "Today it's {years, plural, =1 {one year} other {# years}} since {account} became a customer, and I wanted to say thank you.",
  'anniversary.feedback':
    "Your feedback has shaped a lot of what we do. If there's anything we could do better in the year ahead, just reply: it comes straight to me.",
  'greeting.signOff': 'Best wishes,',

  'page.survey.title': 'Your feedback',
  'page.survey.errorTitle': 'Error: your feedback',
  'page.survey.heading': 'Hi {name}, how are we doing?',
  'page.survey.headingAnonymous': 'How are we doing?',
  'page.survey.intro':
    '{asked, select, yes {{owner} asked for your feedback. It takes less than a minute, and only people at {company} see your answer.} other {It takes less than a minute, and only people at {company} see your answer.}}',
  'page.survey.introNoCompany':
    '{asked, select, yes {{owner} asked for your feedback. It takes less than a minute, and only people at our company see your answer.} other {It takes less than a minute, and only people at our company see your answer.}}',
  'page.survey.scaleEnd': '{score} = {meaning}',
  'page.survey.optional': '(optional)',
  'page.survey.commentHint':
    'Up to {max, number} characters. You can change your answer later from the same link.',
  'page.survey.submit': 'Send my answer',
  'page.survey.noScore': 'Please choose a score from {min} to {max}.',
  'page.survey.unreadable': 'Your comment contains characters we cannot read. Please retype it.',
  'page.survey.tooLong':
    'Your comment is {length, number} characters long; please shorten it to {max, number}.',
  'page.footer': 'Don’t want surveys like this? <link>Stop surveys</link>',
  'page.thanks.title': 'Thank you',
  'page.thanks.heading': 'Thank you!',
  'page.thanks.recorded':
    '{revised, select, yes {We have updated your answer} other {We have recorded your answer}}: <b>{score} out of {max}</b>{comment, select, yes {, with your comment} other {}}.',
  'page.thanks.owner': '{owner} will see it and may get in touch. You can close this page now.',
  'page.thanks.team': 'Your account team will see it and may get in touch. You can close this page now.',
  'page.thanks.change':
    'Changed your mind? <link>Change your answer</link>; sending it again replaces this one.',
  'page.final.title': 'Your answer is final',
  'page.final.body':
    'This answer has been changed as often as it can be, so we kept it as it is: <b>{score} out of {max}</b>{comment, select, yes {, with your comment} other {}}.',
  'page.unsubscribe.title': 'Unsubscribe',
  'page.unsubscribe.heading': 'Unsubscribe?',
  'page.unsubscribe.question':
    'Stop all emails from {company} to <b>{email}</b>? That includes check-ins and surveys.',
  'page.unsubscribe.questionNoCompany':
    'Stop all emails from us to <b>{email}</b>? That includes check-ins and surveys.',
  'page.unsubscribe.button': 'Unsubscribe',
  'page.unsubscribe.cancel':
    'Changed your mind? Just close this page; nothing changes until you press the button.',
  'page.unsubscribed.title': 'Unsubscribed',
  'page.unsubscribed.heading': 'You are unsubscribed',
  'page.unsubscribed.body': 'We will not send any more emails to <b>{email}</b>.',
  'page.unsubscribed.mistake':
    'If this was a mistake, reply to one of our earlier emails and your contact will put it right.',
  'page.surveyOptOut.title': 'Stop surveys',
  'page.surveyOptOut.heading': 'Stop surveys?',
  'page.surveyOptOut.question':
    'Stop surveys to <b>{email}</b>? Personal check-ins from your account team will still come, each with its own link to stop them.',
  'page.surveyOptOut.button': 'Stop surveys',
  'page.surveyOptedOut.title': 'No more surveys',
  'page.surveyOptedOut.heading': 'No more surveys',
  'page.surveyOptedOut.body':
    'We will not send surveys to <b>{email}</b> any more. Personal check-ins from your account team still come; each one has a link to stop them too.',
  'page.privacy': '<link>Privacy policy</link>',

  'error.expired.title': 'This link has expired',
  'error.expired.lead': 'Links in our emails work for a limited time, and this one’s time is up.',
  'error.expired.next':
    'If you would still like to tell us something, simply reply to the email; it reaches your contact directly.',
  'error.superseded.title': 'This account has a new owner',
  'error.superseded.lead':
    'This link was sent to the account’s previous owner. The account has moved since, so the link no longer acts on it, and nothing was changed.',
  'error.superseded.next': 'The current owner’s alerts and digests carry links that work.',
  'error.tampered.title': 'This link looks damaged',
  'error.tampered.lead':
    'Part of the link seems to be missing or changed, which can happen when a link is copied or wraps across lines.',
  'error.tampered.next': 'Open it again by clicking it in the original email, or reply to the email instead.',
  'error.unknown.title': 'We don’t recognise this link',
  'error.unknown.lead': 'This link does not match anything we sent, or it has been replaced by a newer one.',
  'error.unknown.next':
    'Open the link from the most recent email you received from us, or reply to that email.',
  'error.400.title': 'We couldn’t read that',
  'error.400.lead': 'Something in what your browser sent was not in the form we expected.',
  'error.400.next':
    'Go back, check your answer and send it again. If it keeps happening, reply to the email instead.',
  'error.403.title': 'This form came from another website',
  'error.403.lead': 'To protect you, we only accept answers sent from our own page.',
  'error.403.next': 'Open the link from your email and answer there.',
  'error.404.title': 'Page not found',
  'error.404.lead': 'There is nothing at this address.',
  'error.404.next': 'Check that the whole link from the email was opened, or reply to the email instead.',
  'error.405.title': 'That doesn’t work here',
  'error.405.lead': 'This address can’t be used that way.',
  'error.405.next': 'Open the link from your email in a browser and use the button on the page.',
  'error.413.title': 'That was too long',
  'error.413.lead':
    'What you sent was larger than we accept; comments can be up to {max, number} characters.',
  'error.413.next': 'Go back, shorten your comment and send it again.',
  'error.500.title': 'Something went wrong on our side',
  'error.500.lead': 'We could not finish that just now. It is not your fault.',
  'error.500.next': 'Please try again in a few minutes.',
  'error.other.title': 'That didn’t work',
  'error.other.lead': 'We could not handle this request.',
  'error.other.next': 'Open the link from your email again, or reply to the email instead.',
} as const;

export default { dir: 'ltr', formatLocale: 'en-GB', messages } as const;
