//! Bulgarian built-in templates and plural messages.

use super::Builtin;
use crate::notify::kind::EmailKind;

/// The bank-transfer block shared by the order confirmation and the payment reminders.
macro_rules! bank {
    () => {
        r#"  Сума:        {{ payment.amount|money }}
  Получател:   {{ payment.bank.beneficiary }}
  IBAN:        {{ payment.bank.iban }}
  BIC:         {{ payment.bank.bic }} ({{ payment.bank.bank_name }})
  Основание за плащане: {{ payment.reference }}
"#
    };
}

pub(super) const PLURALS: &str = r#"
items = { $count ->
    [one] { $count } артикул
   *[other] { $count } артикула
}
days = { $count ->
    [one] { $count } ден
   *[other] { $count } дни
}
"#;

pub(super) const TEMPLATES: [Builtin; 12] = [
    Builtin {
        kind: EmailKind::OrderConfirmation,
        subject: "Поръчка {{ order_number }} е приета – {{ shop.name }}",
        text: concat!(
            r#"Здравейте, {{ customer_name }}!

Благодарим ви за поръчка {{ order_number }}: {{ plural("items", item_count) }} на обща стойност {{ total|money }}.

{% for line in lines %}
- {{ line.name }} × {{ line.quantity }}: {{ line.total|money }}
{% endfor %}
{% if payment %}

Моля, платете с банков превод до {{ payment.deadline|datetime }}:

"#,
            bank!(),
            r#"
Моля, посочете основанието точно така, за да свържем плащането с поръчката ви. Изпращаме веднага щом го получим.
{% endif %}

Вашата поръчка: {{ order_url }}

{{ shop.name }}
Въпроси? Пишете ни на {{ shop.support_email }}."#
        ),
        html: Some(
            r#"<!doctype html>
<html lang="bg">
<body style="font-family: sans-serif; color: #222">
<p>Здравейте, {{ customer_name }}!</p>
<p>Благодарим ви за поръчка <strong>{{ order_number }}</strong>: {{ plural("items", item_count) }} на обща стойност {{ total|money }}.</p>
<table>
{% for line in lines %}
<tr><td>{{ line.name }}</td><td>× {{ line.quantity }}</td><td style="text-align: right">{{ line.total|money }}</td></tr>
{% endfor %}
</table>
{% if payment %}
<h3>Плащане с банков превод</h3>
<p>Моля, платете до <strong>{{ payment.deadline|datetime }}</strong>:</p>
<table>
<tr><td>Сума</td><td><strong>{{ payment.amount|money }}</strong></td></tr>
<tr><td>Получател</td><td>{{ payment.bank.beneficiary }}</td></tr>
<tr><td>IBAN</td><td>{{ payment.bank.iban }}</td></tr>
<tr><td>BIC</td><td>{{ payment.bank.bic }} ({{ payment.bank.bank_name }})</td></tr>
<tr><td>Основание за плащане</td><td><strong>{{ payment.reference }}</strong></td></tr>
</table>
<p>Моля, посочете основанието точно така, за да свържем плащането с поръчката ви.</p>
{% endif %}
<p><a href="{{ order_url }}">Вижте поръчката</a></p>
<p>{{ shop.name }} · <a href="mailto:{{ shop.support_email }}">{{ shop.support_email }}</a></p>
</body>
</html>"#,
        ),
    },
    Builtin {
        kind: EmailKind::PaymentReceived,
        subject: "Получихме плащането за поръчка {{ order_number }}",
        text: r#"Здравейте, {{ customer_name }}!

Получихме плащането ви от {{ amount|money }} {% if reference %}(основание {{ reference }}) {% endif %}на {{ received_at|date }}. Благодарим!
Вече подготвяме поръчка {{ order_number }} и ще ви уведомим, когато я изпратим.

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::PaymentReminder,
        subject: "Напомняне: поръчка {{ order_number }} очаква плащане",
        text: concat!(
            r#"Здравейте, {{ customer_name }}!

Все още не сме получили плащането за поръчка {{ order_number }}. Оставащ срок: {{ plural("days", days_left) }}. Моля, платете до {{ payment.deadline|datetime }}:

"#,
            bank!(),
            r#"
Ако вече сте платили, благодарим ви – моля, не обръщайте внимание на това писмо.

{{ shop.name }}"#
        ),
        html: None,
    },
    Builtin {
        kind: EmailKind::PaymentFinalNotice,
        subject: "Последно напомняне: поръчка {{ order_number }} ще бъде анулирана",
        text: concat!(
            r#"Здравейте, {{ customer_name }}!

Плащането за поръчка {{ order_number }} все още не е постъпило. Ако не го получим до {{ payment.deadline|datetime }} (оставащ срок: {{ plural("days", days_left) }}), ще анулираме поръчката и ще освободим запазените за вас стоки.

"#,
            bank!(),
            r#"
Ако междувременно сте платили, моля, изпратете ни потвърждение на {{ shop.support_email }}.

{{ shop.name }}"#
        ),
        html: None,
    },
    Builtin {
        kind: EmailKind::AbandonedCheckout,
        subject: "Оставихте нещо в количката",
        text: r#"Здравейте, {{ customer_name }}!

В количката ви има {{ plural("items", item_count) }} на стойност {{ total|money }}. Запазихме ги за вас – можете да продължите поръчката оттук:
{{ resume_url }}

Имате въпроси? Просто отговорете на този имейл.

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::Shipped,
        subject: "Поръчка {{ order_number }} е на път",
        text: r#"Здравейте, {{ customer_name }}!

Поръчка {{ order_number }} е предадена на {{ carrier }}{% if estimated_delivery %} и се очаква да пристигне на {{ estimated_delivery|date }}{% endif %}.

Номер за проследяване: {{ tracking_number }}
Проследете пратката: {{ tracking_url }}

{{ shop.name }}"#,
        html: Some(
            r#"<!doctype html>
<html lang="bg">
<body style="font-family: sans-serif; color: #222">
<p>Здравейте, {{ customer_name }}!</p>
<p>Поръчка <strong>{{ order_number }}</strong> е предадена на {{ carrier }}{% if estimated_delivery %} и се очаква да пристигне на <strong>{{ estimated_delivery|date }}</strong>{% endif %}.</p>
<p>Номер за проследяване: {{ tracking_number }}</p>
<p><a href="{{ tracking_url }}">Проследете пратката</a></p>
<p>{{ shop.name }}</p>
</body>
</html>"#,
        ),
    },
    Builtin {
        kind: EmailKind::Delivered,
        subject: "Поръчка {{ order_number }} е доставена – как се справихме?",
        text: r#"Здравейте, {{ customer_name }}!

Поръчка {{ order_number }} беше доставена на {{ delivered_at|date }}. Надяваме се да ви хареса!

Ще ни кажете ли как се справихме? Анкетата отнема една минута:
{{ survey_url }}

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportReply,
        subject: "Re: {{ case_subject }} [{{ case_number }}]",
        text: r#"Здравейте, {{ customer_name }}!

{{ reply }}

{{ agent_name }}
Обслужване на клиенти, {{ shop.name }}

Отговорете на този имейл или вижте цялата кореспонденция: {{ case_url }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportAwaitingReply,
        subject: "Очакваме отговора Ви: {{ case_subject }} [{{ case_number }}]",
        text: r#"Здравейте, {{ customer_name }}!

Очакваме отговора Ви по запитването „{{ case_subject }}“ ({{ case_number }}), за да продължим
да Ви помагаме. Просто отговорете на този имейл или тук: {{ case_url }}

Ако не получим отговор, ще приемем запитването за решено; можете да го отворите отново по всяко време.

Обслужване на клиенти, {{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportCaseReceived,
        subject: "Получихме запитването Ви: {{ case_subject }} [{{ case_number }}]",
        text: r#"Здравейте, {{ customer_name }}!

Благодарим Ви, че ни писахте. Получихме запитването Ви „{{ case_subject }}“ и го регистрирахме
под номер {{ case_number }}; ще Ви отговорим възможно най-скоро.

За да добавите нещо, просто отговорете на този имейл (запазете номера в темата) или следете
запитването тук: {{ case_url }}

Обслужване на клиенти, {{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::ReturnUpdate,
        subject: "Връщане {{ return_number }}: нов статус",
        text: r#"Здравейте, {{ customer_name }}!

{% if stage == "approved" %}
Връщането {{ return_number }} по поръчка {{ order_number }} е одобрено. Моля, изпратете стоката според указанията в профила ви.
{% elif stage == "rejected" %}
За съжаление заявката за връщане {{ return_number }} по поръчка {{ order_number }} не е одобрена.
{% elif stage == "received" %}
Получихме стоката по връщане {{ return_number }} (поръчка {{ order_number }}) и я проверяваме.
{% elif stage == "refunded" %}
Възстановихме {% if refund_amount %}{{ refund_amount|money }}{% else %}сумата{% endif %} по връщане {{ return_number }} (поръчка {{ order_number }}). Парите може да се появят в сметката ви след няколко дни.
{% else %}
Замяната по връщане {{ return_number }} (поръчка {{ order_number }}) вече пътува към вас.
{% endif %}
{% if note %}

Бележка: {{ note }}
{% endif %}

Подробности: {{ return_url }}

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::BackInStock,
        subject: "{{ product_name }} отново е в наличност – {{ shop.name }}",
        text: r#"Здравейте, {{ customer_name }},

добра новина: {{ product_name }}{% if variant_label %} ({{ variant_label }}){% endif %}, за който попитахте, отново може да бъде поръчан.

{{ product_url }}

Пишем ви само веднъж, както поискахте; наличността може скоро да свърши отново.

{{ shop.name }}"#,
        html: None,
    },
];
