"""What the applicant, the family's members and the district commission read of the TSA service, in kk/ru/en."""

from __future__ import annotations

from services.spec import FieldHint, StepSpec

Text = dict[str, str]

STEPS = (
    StepSpec("verify_identity", {"kk": "Жеке басын тексеру", "ru": "Проверка личности", "en": "Identity check"}),
    StepSpec("family", {"kk": "Отбасы құрамы тізілімнен", "ru": "Состав семьи из реестра",
                        "en": "The family, from the population registry"}),
    StepSpec("consent", {"kk": "Отбасы мүшелерінің келісімі", "ru": "Согласие членов семьи",
                         "en": "Consent of the family's adult members"}, manual=True),
    StepSpec("incomes", {"kk": "Табыстар мен мүлік тізілімдерден", "ru": "Доходы и имущество из реестров",
                         "en": "Incomes and property, from the registries"}),
    StepSpec("check_eligibility", {"kk": "Көмекке құқықты тексеру", "ru": "Проверка права на помощь",
                                   "en": "Eligibility under the rules"}),
    StepSpec("notify_applicant", {"kk": "Өтініш берушіге хабарлау", "ru": "Уведомление заявителя",
                                  "en": "Applicant notified"}),
    StepSpec("payment", {"kk": "Ай сайынғы төлемдер", "ru": "Ежемесячные выплаты", "en": "Monthly payments"}),
)

# Shown once it happens: only a case that needs the district commission has it.
COMMISSION_STEP = StepSpec("commission", {"kk": "Учаскелік комиссияның қорытындысы",
                                          "ru": "Заключение участковой комиссии",
                                          "en": "The district commission's report"}, manual=True)

CONSENT_TITLE: Text = {"kk": "Атаулы әлеуметтік көмекке отбасы өтінішіне келісім",
                       "ru": "Согласие на заявление семьи об адресной социальной помощи",
                       "en": "Consent to your family's application for targeted social assistance"}
CONSENT_QUESTION: Text = {
    "kk": "{applicant} отбасы атынан атаулы әлеуметтік көмекке өтініш берді. Сіздің табысыңыз бен мүлкіңіз туралы "
          "деректерді мемлекеттік тізілімдерден алуға келісесіз бе?",
    "ru": "{applicant} подаёт заявление об адресной социальной помощи от имени семьи. Согласны ли вы на получение "
          "сведений о ваших доходах и имуществе из государственных реестров?",
    "en": "{applicant} applies for targeted social assistance for the family. Do you agree that the state "
          "registries' data on your incomes and property are used for it?"}
CONSENT_REFUSED: Text = {"kk": "{name} келісім бермеді", "ru": "{name} не дал(а) согласия",
                         "en": "{name} did not consent"}
CONSENT_EXPIRED: Text = {"kk": "{name} белгіленген мерзімде келісім бермеді",
                         "ru": "{name} не дал(а) согласия в установленный срок",
                         "en": "{name} did not give consent by the deadline"}

COMMISSION_KIND = "tsa.commission"
COMMISSION_AGENCY = "social"
COMMISSION_OUTCOMES = ["approve", "refuse"]
COMMISSION_TITLE: Text = {"kk": "Учаскелік комиссия: отбасының тұрмыс жағдайын тексеру",
                          "ru": "Участковая комиссия: обследование материального положения семьи",
                          "en": "District commission: visit to the family"}

# Why an application goes to the district commission.
COMMISSION_GROUNDS: dict[str, Text] = {
    "conditional_assignment": {
        "kk": "Көмек шартты: еңбекке қабілетті мүшелер жұмыспен қамту шараларына қатысады, комиссия растайды.",
        "ru": "Помощь обусловленная: трудоспособные члены семьи участвуют в мерах содействия занятости, "
              "комиссия это подтверждает.",
        "en": "The assistance is conditional: the able-bodied members take part in employment measures, "
              "which the commission confirms."},
    "registries_disagree": {
        "kk": "Тізілімдер деректері сәйкес келмейді (шарт бар, бірақ жарна төленбеген): комиссия тексереді.",
        "ru": "Сведения реестров расходятся (договор есть, взносов нет): комиссия проверяет.",
        "en": "The registries disagree (a contract without contributions): the commission checks."},
    "family_corrected": {
        "kk": "Өтініш беруші отбасы құрамын түзетті: комиссия тексереді.",
        "ru": "Заявитель исправил состав семьи: комиссия проверяет.",
        "en": "The applicant corrected the family's composition: the commission checks it."},
}

# The reasons the commission picks from; the applicant reads the texts.
COMMISSION_REASONS: dict[str, Text] = {
    "composition_confirmed": {"kk": "Отбасы құрамы расталды.", "ru": "Состав семьи подтверждён.",
                              "en": "The family's composition was confirmed."},
    "living_conditions_confirmed": {"kk": "Тұрмыс жағдайы өтініштегі мәліметтерге сәйкес.",
                                    "ru": "Материальное положение соответствует сведениям заявления.",
                                    "en": "The living conditions match the application."},
    "composition_not_confirmed": {"kk": "Отбасы құрамы расталмады.", "ru": "Состав семьи не подтверждён.",
                                  "en": "The family's composition could not be confirmed."},
    "undeclared_income": {"kk": "Тізілімдерде жоқ табыс анықталды.", "ru": "Выявлен доход, которого нет в реестрах.",
                          "en": "An income the registries do not show was found."},
    "living_conditions_do_not_match": {"kk": "Тұрмыс жағдайы өтініштегі мәліметтерге сәйкес келмейді.",
                                       "ru": "Материальное положение не соответствует сведениям заявления.",
                                       "en": "The living conditions do not match the application."},
}

# A payment the gateway refused: the social department's payments queue settles it.
PAYMENT_TASK_KIND = "tsa.payment-delayed"
PAYMENT_TASK_OUTCOMES = ["paid_otherwise", "not_due"]
PAYMENT_TASK_TITLE: Text = {"kk": "Кешіктірілген төлемді реттеу", "ru": "Урегулирование задержанной выплаты",
                            "en": "Settle a delayed payment"}
PAYMENT_TASK_REASONS: dict[str, Text] = {
    "account_corrected": {"kk": "Шот түзетілді, төлем қайта жіберілді.",
                          "ru": "Счёт исправлен, выплата отправлена повторно.",
                          "en": "The account was corrected and the payment sent again."},
    "paid_in_cash": {"kk": "Төлем пошта арқылы қолма-қол берілді.", "ru": "Выплата выдана наличными через почту.",
                     "en": "The payment was made in cash through the post office."},
    "recipient_deceased": {"kk": "Алушы қайтыс болды: төлем тиесілі емес.",
                           "ru": "Получатель умер: выплата не причитается.",
                           "en": "The recipient has died: the payment is not due."},
}

RECALCULATED: Text = {
    "kk": "Жағдай өзгерді: {name} {on} қайтыс болды. {month} бастап көмек айына {amount} теңге "
          "(бұрын {before} теңге), отбасында {count} адам.",
    "ru": "Изменились обстоятельства: {name} умер(ла) {on}. С {month} помощь составляет {amount} тенге в месяц "
          "(было {before} тенге), в семье {count} человек.",
    "en": "Circumstances changed: {name} died on {on}. From {month} the assistance is {amount} tenge a month "
          "(it was {before} tenge), for a family of {count}."}
STOPPED: Text = {
    "kk": "Жағдай өзгерді: {name} {on} қайтыс болды. {month} бастап көмек төленбейді: отбасы енді шарттарға сай емес.",
    "ru": "Изменились обстоятельства: {name} умер(ла) {on}. С {month} помощь не выплачивается: семья больше не "
          "отвечает условиям.",
    "en": "Circumstances changed: {name} died on {on}. From {month} the assistance is not paid: the family no "
          "longer meets the conditions."}
EVENT_NOTED: Text = {"kk": "Тізілімнен өзгеріс туралы хабар келді", "ru": "Из реестра поступило сообщение об изменении",
                     "en": "A registry reported a change"}

NO_ACCOUNT: Text = {"kk": "Төлем шотын көрсетіңіз: тізілімде бұрынғы төлемнің шоты жоқ.",
                    "ru": "Укажите счёт для выплаты: в реестре нет счёта прежних выплат.",
                    "en": "Give an account to pay into: the registry has none from an earlier payment."}
NOT_IN_FAMILY: Text = {"kk": "Өтініш беруші отбасының мүшесі емес.", "ru": "Заявитель не входит в эту семью.",
                       "en": "The applicant is not a member of this family."}

ASSIGNED_NOTICE: Text = {
    "kk": "{short} өтініші: атаулы әлеуметтік көмек {start} бастап {end} дейін тағайындалды, айына {amount} теңге "
          "(оның ішінде балаларға {child} теңге). Шот: {iban}.",
    "ru": "Заявление {short}: адресная социальная помощь назначена с {start} по {end}, {amount} тенге в месяц "
          "(из них на детей {child} тенге). Счёт: {iban}.",
    "en": "Application {short}: targeted social assistance is assigned from {start} to {end}, {amount} tenge a "
          "month ({child} tenge of it for the children). Account: {iban}."}
ASSIGNED_SUBJECT: Text = {"kk": "Атаулы әлеуметтік көмек тағайындалды", "ru": "Назначена адресная социальная помощь",
                          "en": "Targeted social assistance assigned"}

REAPPLY_SUBJECT: Text = {"kk": "Атаулы әлеуметтік көмек кезеңі аяқталды: қайта өтініш беріңіз",
                         "ru": "Период адресной социальной помощи закончился: подайте заявление снова",
                         "en": "Your targeted social assistance period has ended: apply again"}
REAPPLY_NOTICE: Text = {
    "kk": "{short} өтініші: {end} дейінгі барлық төлемдер жасалды. Көмекті жалғастыру үшін қайта өтініш беріңіз: "
          "нысан осы өтініштен алдын ала толтырылған ({url}).",
    "ru": "Заявление {short}: все выплаты по {end} произведены. Чтобы помощь продолжилась, подайте заявление снова: "
          "форма уже заполнена по этому заявлению ({url}).",
    "en": "Application {short}: every payment up to {end} has been made. To go on receiving assistance, apply "
          "again: the form is filled in from this application ({url})."}
REAPPLY_TITLE: Text = {"kk": "Кезең аяқталды: отбасы қайта өтініш бере алады",
                       "ru": "Период закончился: семья может подать заявление снова",
                       "en": "The period has ended: the family may apply again"}

PAYMENT_DESCRIPTION: Text = {"kk": "Атаулы әлеуметтік көмек {month}", "ru": "Адресная социальная помощь за {month}",
                             "en": "Targeted social assistance for {month}"}
CHILD_PAYMENT_DESCRIPTION: Text = {"kk": "Балаларға кепілдендірілген әлеуметтік пакет {month}",
                                   "ru": "Гарантированный социальный пакет детям за {month}",
                                   "en": "Guaranteed social package for the children, {month}"}

HINTS = {
    "iban": FieldHint(label={"kk": "Төлем шоты (IBAN)", "ru": "Счёт для выплаты (IBAN)",
                             "en": "Account to pay into (IBAN)"}),
    "family_correction": FieldHint(kind="textarea", label={
        "kk": "Отбасы құрамында не дұрыс емес (дұрыс болса, бос қалдырыңыз)",
        "ru": "Что неверно в составе семьи (если всё верно, оставьте пустым)",
        "en": "What is wrong with the family shown (leave empty if it is right)"}),
    "members": FieldHint(label={"kk": "Отбасы мүшелерінің ЖСН-дері (өзіңізді қоса)",
                                "ru": "ИИН членов семьи (включая вас)",
                                "en": "IINs of the family's members (you among them)"}),
    "added_members": FieldHint(label={"kk": "Тізілімде көрсетілмеген отбасы мүшелерінің ЖСН-дері",
                                      "ru": "ИИН членов семьи, которых нет в реестре",
                                      "en": "IINs of family members the registry does not show"}),
}

ERROR_TEXTS: dict[str, Text] = {
    "iban_invalid": {"kk": "KZ-пен басталатын 20 таңбалы дұрыс IBAN енгізіңіз.",
                     "ru": "Введите верный IBAN из 20 знаков, начинающийся с KZ.",
                     "en": "Enter a valid 20-character IBAN starting with KZ."},
    "iin_invalid": {"kk": "12 цифрдан тұратын дұрыс ЖСН енгізіңіз.",
                    "ru": "Введите верный ИИН из 12 цифр.",
                    "en": "Enter a valid 12-digit IIN."},
    "person_not_found": {"kk": "Бұл ЖСН бойынша адам халық тізілімінде жоқ.",
                         "ru": "Человека с этим ИИН нет в реестре населения.",
                         "en": "There is no person with this IIN in the population registry."},
    "tsa_applicant_not_in_family": {"kk": "Сіз өтініш беретін отбасының мүшесі болуыңыз керек.",
                                    "ru": "Вы должны быть членом семьи, за которую подаёте заявление.",
                                    "en": "You must belong to the family you apply for."},
    "tsa_not_in_family": {"kk": "Бұл адам сіздің отбасыңызда тіркелмеген; оны түзету ретінде қосыңыз.",
                          "ru": "Этот человек не значится в вашей семье; добавьте его как исправление.",
                          "en": "This person is not registered in your family; add them as a correction."},
    "application_running": {
        "kk": "Бұл отбасы мүшесі бойынша атаулы әлеуметтік көмекке өтініш әлі қаралуда.",
        "ru": "Заявление на адресную социальную помощь по этому члену семьи ещё рассматривается.",
        "en": "An application for targeted social assistance for a member of this family is still running."},
}
