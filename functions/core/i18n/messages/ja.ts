import type { Catalogue } from '../catalogue.ts';

/** 日本語：丁寧語で、定型文らしさを避けた個人の手紙の調子。宛名はフルネーム＋様。 */
export default {
  dir: 'ltr',
  nameForm: 'full',
  messages: {
    'greeting.named': '{name}様',
    'greeting.anonymous': 'ご担当者様',
    'signature.team': 'アカウント担当チーム',

    'footer.checkIn':
      'このメールは、{account}のご担当者様にお送りしています。今後このようなご連絡が不要な場合は、<link>配信停止</link>の手続きをお願いいたします。',
    'footer.survey':
      'このメールは、{account}のご担当者様にお送りしています。今後アンケートが不要な場合は、<link>アンケートの配信停止</link>の手続きをお願いいたします。',
    'footer.greeting':
      'このメールは、{account}のご担当者様にお送りしています。このようなメールが不要な場合は、<link>配信停止</link>の手続きをお願いいたします。',
    'footer.privacy': '<link>プライバシーポリシー</link>',

    'checkIn.sinceWrote':
      '前回ご連絡してから{span, select, fewDays {数日} twoWeeks {2週間ほど} threeWeeks {3週間} month {1か月ほど} twoMonths {2か月ほど} threeMonths {3か月ほど} fewMonths {数か月} mostOfYear {1年近く} year {1年ほど} other {1年以上}}経ちましたので、改めてご連絡いたしました。',
    'checkIn.sinceNever':
      'まだきちんとお話しする機会が持てていないように思いますので、ぜひ一度お時間をいただければ幸いです。',
    'checkIn.sinceAnswered':
      'アンケートにご回答いただいてから{span, select, fewDays {数日} twoWeeks {2週間ほど} threeWeeks {3週間} month {1か月ほど} twoMonths {2か月ほど} threeMonths {3か月ほど} fewMonths {数か月} mostOfYear {1年近く} year {1年ほど} other {1年以上}}経ちましたので、その後いかがかと思いご連絡いたしました。',
    'checkIn.sinceSpoke':
      '前回お話ししてから{span, select, fewDays {数日} twoWeeks {2週間ほど} threeWeeks {3週間} month {1か月ほど} twoMonths {2か月ほど} threeMonths {3か月ほど} fewMonths {数か月} mostOfYear {1年近く} year {1年ほど} other {1年以上}}経ちましたので、その後いかがかと思いご連絡いたしました。',
    'checkIn.sinceInTouch':
      '前回ご連絡を取り合ってから{span, select, fewDays {数日} twoWeeks {2週間ほど} threeWeeks {3週間} month {1か月ほど} twoMonths {2か月ほど} threeMonths {3か月ほど} fewMonths {数か月} mostOfYear {1年近く} year {1年ほど} other {1年以上}}経ちましたので、その後いかがかと思いご連絡いたしました。',
    'checkIn.about1': '{account}での{products}のご利用状況はいかがでしょうか。',
    'checkIn.about2': '{products}は{account}の皆様のお役に立てておりますでしょうか。',
    'checkIn.about3': '{account}で{products}をどのようにお使いいただいているか、ぜひお聞かせください。',
    'checkIn.aboutAccount': '{account}の皆様はお変わりなくお過ごしでしょうか。',
    'checkIn.renewal':
      '{renewal, date, dayMonth}にご契約の更新日を迎えます。それまでに変更されたい点やご相談事がございましたら、ぜひこの機会にお知らせください。',
    'checkIn.ask1':
      '何かお手伝いできることや、期待どおりに動いていない点はございませんか。このメールにご返信いただければ、私に直接届きます。',
    'checkIn.ask2':
      'お困りのことや、私どもに改善してほしい点がございましたら、ぜひお聞かせください。一言ご返信いただくだけで結構です。',
    'checkIn.ask3':
      '良いことでも気になることでも、何かございましたらこちらにご返信ください。私に直接届きます。',
    'checkIn.subject1': '{name}様、その後いかがでしょうか',
    'checkIn.subject1Anonymous': 'その後いかがでしょうか',
    'checkIn.subject2': '{account}のご様子はいかがでしょうか',
    'checkIn.subject3': '{name}様へ、近況のご確認',
    'checkIn.subject3Owner': '{owner}より、近況のご確認',
    'checkIn.subject3Anonymous': '近況のご確認',
    'checkIn.signOff': '今後ともよろしくお願いいたします。',

    'survey.openerReminder':
      '先日のメールが埋もれてしまっていたらと思い、改めてお送りしました。質問は一つだけで、ご回答は私に直接届きます。',
    'survey.opener1':
      '10秒ほどで終わる質問に一つだけお答えいただけますでしょうか。ご回答は私に直接届き、{account}へのより良いサポートに役立てさせていただきます。',
    'survey.opener2':
      'お手すきの際に、一つだけ質問させてください。いただいたご回答はすべて私自身が拝見しています。',
    'survey.question.nps':
      '{about, select, named {{name}を友人や同僚に薦める可能性はどのくらいありますか？} other {私どもを友人や同僚に薦める可能性はどのくらいありますか？}}',
    'survey.question.csat':
      '{about, select, named {{name}にどの程度満足されていますか？} other {私どものサービスにどの程度満足されていますか？}}',
    'survey.followUp.nps': 'その点数をつけた一番の理由は何ですか？',
    'survey.followUp.csat': '改善すべき点があれば教えてください。',
    'survey.low.nps': 'まったく薦めない',
    'survey.high.nps': '強く薦める',
    'survey.low.csat': 'とても不満',
    'survey.high.csat': 'とても満足',
    'survey.csatScore':
      '{score, plural, =1 {とても不満} =2 {不満} =3 {どちらでもない} =4 {満足} other {とても満足}}',
    'survey.clickHint': '数字をクリックすると短いページが開き、よろしければコメントも追加いただけます。',
    'survey.answerHere': 'こちらからご回答ください（{min} = {low}、{max} = {high}）：',
    'survey.signOff': 'ご協力ありがとうございます。',

    'birthday.subject': '{name}様、お誕生日おめでとうございます',
    'birthday.subjectAnonymous': 'お誕生日おめでとうございます',
    'birthday.wish1':
      'お誕生日おめでとうございます。今日は少しでもご自身のための時間をお過ごしいただけますように。',
    'birthday.wish2':
      'お誕生日おめでとうございます！素敵な一日になりますように。ケーキもぜひ楽しんでください。',
    'birthday.wish3':
      'お誕生日おめでとうございます。新しい一年が素晴らしいものになりますよう、心よりお祈りしております。',
    'birthday.thanks': '{account}でいつもご一緒いただき、本当にありがとうございます。',
    'anniversary.subject': 'おかげさまで{years}年：{account}の皆様へ感謝を込めて',
    'anniversary.today': '本日で{account}とのお取引が始まって{years}年となりました。心より感謝申し上げます。',
    'anniversary.feedback':
      'いただいたご意見は、私どもの取り組みの多くに活かされています。この一年で改善できることがございましたら、ご返信ください。私に直接届きます。',
    'greeting.signOff': '今後ともよろしくお願いいたします。',

    'page.survey.title': 'ご意見をお聞かせください',
    'page.survey.errorTitle': 'エラー：ご意見をお聞かせください',
    'page.survey.heading': '{name}様、私どものサービスはいかがですか？',
    'page.survey.headingAnonymous': '私どものサービスはいかがですか？',
    'page.survey.intro':
      '{asked, select, yes {{owner}がご意見をお待ちしています。1分もかからずにお答えいただけます。ご回答は{company}の社内でのみ確認します。} other {1分もかからずにお答えいただけます。ご回答は{company}の社内でのみ確認します。}}',
    'page.survey.introNoCompany':
      '{asked, select, yes {{owner}がご意見をお待ちしています。1分もかからずにお答えいただけます。ご回答は当社の社内でのみ確認します。} other {1分もかからずにお答えいただけます。ご回答は当社の社内でのみ確認します。}}',
    'page.survey.scaleEnd': '{score} = {meaning}',
    'page.survey.optional': '（任意）',
    'page.survey.commentHint':
      '{max, number}文字まで入力できます。同じリンクから後で回答を変更することもできます。',
    'page.survey.submit': '回答を送信',
    'page.survey.noScore': '{min}から{max}までの点数を選んでください。',
    'page.survey.unreadable': 'コメントに読み取れない文字が含まれています。もう一度入力してください。',
    'page.survey.tooLong':
      'コメントが{length, number}文字あります。{max, number}文字以内に短くしてください。',
    'page.footer': 'このようなアンケートが不要な場合は<link>アンケートの配信停止</link>',
    'page.thanks.title': 'ありがとうございました',
    'page.thanks.heading': 'ありがとうございました！',
    'page.thanks.recorded':
      '{revised, select, yes {ご回答を更新しました} other {ご回答を受け付けました}}：<b>{max}点中{score}点</b>{comment, select, yes {（コメントあり）} other {}}。',
    'page.thanks.owner':
      '{owner}が拝見し、ご連絡を差し上げる場合があります。このページは閉じていただいて大丈夫です。',
    'page.thanks.team':
      '担当チームが拝見し、ご連絡を差し上げる場合があります。このページは閉じていただいて大丈夫です。',
    'page.thanks.change':
      '回答を変えたい場合は<link>回答を変更</link>できます。送り直すと、この回答が置き換わります。',
    'page.final.title': 'ご回答は確定しています',
    'page.final.body':
      'このご回答は変更できる上限に達したため、そのまま保存しています：<b>{max}点中{score}点</b>{comment, select, yes {（コメントあり）} other {}}。',
    'page.unsubscribe.title': '配信停止',
    'page.unsubscribe.heading': '配信を停止しますか？',
    'page.unsubscribe.question':
      '<b>{email}</b>宛ての{company}からのメールをすべて停止しますか？近況のご連絡やアンケートも含まれます。',
    'page.unsubscribe.questionNoCompany':
      '<b>{email}</b>宛ての当社からのメールをすべて停止しますか？近況のご連絡やアンケートも含まれます。',
    'page.unsubscribe.button': '配信を停止する',
    'page.unsubscribe.cancel': 'やめる場合は、このページを閉じてください。ボタンを押すまで何も変わりません。',
    'page.unsubscribed.title': '配信停止しました',
    'page.unsubscribed.heading': '配信を停止しました',
    'page.unsubscribed.body': '今後、<b>{email}</b>宛てにメールをお送りすることはありません。',
    'page.unsubscribed.mistake':
      'お間違いの場合は、以前お送りしたメールにご返信ください。担当者が元に戻します。',
    'page.surveyOptOut.title': 'アンケートの配信停止',
    'page.surveyOptOut.heading': 'アンケートの配信を停止しますか？',
    'page.surveyOptOut.question':
      '<b>{email}</b> へのアンケートの配信を停止しますか？担当チームからの個別のご連絡は引き続きお送りします。そちらにもそれぞれ配信停止のリンクがございます。',
    'page.surveyOptOut.button': 'アンケートの配信を停止',
    'page.surveyOptedOut.title': 'アンケートの配信を停止しました',
    'page.surveyOptedOut.heading': 'アンケートの配信を停止しました',
    'page.surveyOptedOut.body':
      '今後、<b>{email}</b> にアンケートをお送りすることはありません。担当チームからの個別のご連絡は引き続きお送りします。そちらにもそれぞれ配信停止のリンクがございます。',
    'page.privacy': '<link>プライバシーポリシー</link>',

    'error.expired.title': 'このリンクは有効期限が切れています',
    'error.expired.lead': 'メール内のリンクには有効期限があり、このリンクは期限を過ぎています。',
    'error.expired.next':
      'お伝えいただきたいことがあれば、メールにそのままご返信ください。担当者に直接届きます。',
    'error.superseded.title': 'このアカウントの担当者が変わりました',
    'error.superseded.lead':
      'このリンクは以前の担当者宛てに送られたものです。担当が変わったため、このリンクでは操作できず、何も変更されていません。',
    'error.superseded.next': '現在の担当者に届くアラートやダイジェストのリンクをご利用ください。',
    'error.tampered.title': 'このリンクは壊れているようです',
    'error.tampered.lead':
      'リンクの一部が欠けているか変わっているようです。コピーしたときや、リンクが途中で改行されたときに起こることがあります。',
    'error.tampered.next': '元のメールからリンクをクリックして開き直すか、メールにご返信ください。',
    'error.unknown.title': 'このリンクは確認できません',
    'error.unknown.lead': 'このリンクは当社が送ったものと一致しないか、新しいリンクに置き換えられています。',
    'error.unknown.next': '最新のメールにあるリンクを開くか、そのメールにご返信ください。',
    'error.400.title': '内容を読み取れませんでした',
    'error.400.lead': 'ブラウザから送られた内容が、想定した形式ではありませんでした。',
    'error.400.next':
      '前のページに戻り、回答を確認してもう一度送信してください。繰り返し起こる場合は、メールにご返信ください。',
    'error.403.title': 'このフォームは別のサイトから送信されました',
    'error.403.lead': 'お客様を守るため、当社のページから送られた回答のみ受け付けています。',
    'error.403.next': 'メールのリンクを開き、そちらからご回答ください。',
    'error.404.title': 'ページが見つかりません',
    'error.404.lead': 'このアドレスには何もありません。',
    'error.404.next': 'メールのリンクが最後まで開かれているかご確認いただくか、メールにご返信ください。',
    'error.405.title': 'この操作はここではできません',
    'error.405.lead': 'このアドレスはその方法では使えません。',
    'error.405.next': 'メールのリンクをブラウザで開き、ページ上のボタンをお使いください。',
    'error.413.title': '内容が長すぎます',
    'error.413.lead': '送信された内容が上限を超えています。コメントは{max, number}文字までです。',
    'error.413.next': '前のページに戻り、コメントを短くしてもう一度送信してください。',
    'error.500.title': '当社側で問題が発生しました',
    'error.500.lead': 'ただいま処理を完了できませんでした。お客様の操作に問題はありません。',
    'error.500.next': '数分後にもう一度お試しください。',
    'error.other.title': 'うまくいきませんでした',
    'error.other.lead': 'このリクエストを処理できませんでした。',
    'error.other.next': 'メールのリンクをもう一度開くか、メールにご返信ください。',
  },
} satisfies Catalogue;
