//! Russian built-in templates and plural messages.

use super::Builtin;
use crate::notify::kind::EmailKind;

/// The bank-transfer block shared by the order confirmation and the payment reminders.
macro_rules! bank {
    () => {
        r#"  Сумма:       {{ payment.amount|money }}
  Получатель:  {{ payment.bank.beneficiary }}
  IBAN:        {{ payment.bank.iban }}
  BIC:         {{ payment.bank.bic }} ({{ payment.bank.bank_name }})
  Назначение платежа: {{ payment.reference }}
"#
    };
}

pub(super) const PLURALS: &str = r#"
items = { $count ->
    [one] { $count } товар
    [few] { $count } товара
   *[many] { $count } товаров
}
days = { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
"#;

pub(super) const TEMPLATES: [Builtin; 12] = [
    Builtin {
        kind: EmailKind::OrderConfirmation,
        subject: "Заказ {{ order_number }} оформлен — {{ shop.name }}",
        text: concat!(
            r#"Здравствуйте, {{ customer_name }}!

Спасибо за заказ {{ order_number }}: {{ plural("items", item_count) }} на сумму {{ total|money }}.

{% for line in lines %}
- {{ line.name }} × {{ line.quantity }}: {{ line.total|money }}
{% endfor %}
{% if payment %}

Пожалуйста, оплатите заказ банковским переводом до {{ payment.deadline|datetime }}:

"#,
            bank!(),
            r#"
Укажите назначение платежа точно так, как написано, — так мы быстрее найдём ваш перевод. Мы отправим заказ сразу после поступления оплаты.
{% endif %}

Ваш заказ: {{ order_url }}

{{ shop.name }}
Есть вопросы? Пишите на {{ shop.support_email }}."#
        ),
        html: Some(
            r#"<!doctype html>
<html lang="ru">
<body style="font-family: sans-serif; color: #222">
<p>Здравствуйте, {{ customer_name }}!</p>
<p>Спасибо за заказ <strong>{{ order_number }}</strong>: {{ plural("items", item_count) }} на сумму {{ total|money }}.</p>
<table>
{% for line in lines %}
<tr><td>{{ line.name }}</td><td>× {{ line.quantity }}</td><td style="text-align: right">{{ line.total|money }}</td></tr>
{% endfor %}
</table>
{% if payment %}
<h3>Оплата банковским переводом</h3>
<p>Пожалуйста, оплатите заказ до <strong>{{ payment.deadline|datetime }}</strong>:</p>
<table>
<tr><td>Сумма</td><td><strong>{{ payment.amount|money }}</strong></td></tr>
<tr><td>Получатель</td><td>{{ payment.bank.beneficiary }}</td></tr>
<tr><td>IBAN</td><td>{{ payment.bank.iban }}</td></tr>
<tr><td>BIC</td><td>{{ payment.bank.bic }} ({{ payment.bank.bank_name }})</td></tr>
<tr><td>Назначение платежа</td><td><strong>{{ payment.reference }}</strong></td></tr>
</table>
<p>Укажите назначение платежа точно так, как написано, — так мы быстрее найдём ваш перевод.</p>
{% endif %}
<p><a href="{{ order_url }}">Посмотреть заказ</a></p>
<p>{{ shop.name }} · <a href="mailto:{{ shop.support_email }}">{{ shop.support_email }}</a></p>
</body>
</html>"#,
        ),
    },
    Builtin {
        kind: EmailKind::PaymentReceived,
        subject: "Оплата заказа {{ order_number }} получена",
        text: r#"Здравствуйте, {{ customer_name }}!

Мы получили вашу оплату {{ amount|money }} {% if reference %}(назначение платежа {{ reference }}) {% endif %}{{ received_at|date }}. Спасибо!
Мы уже собираем заказ {{ order_number }} и сообщим, когда он будет отправлен.

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::PaymentReminder,
        subject: "Напоминание: заказ {{ order_number }} ожидает оплаты",
        text: concat!(
            r#"Здравствуйте, {{ customer_name }}!

Мы пока не получили оплату заказа {{ order_number }}. До конца срока оплаты: {{ plural("days", days_left) }}. Пожалуйста, оплатите заказ до {{ payment.deadline|datetime }}:

"#,
            bank!(),
            r#"
Если вы уже оплатили заказ — спасибо, просто не обращайте внимания на это письмо.

{{ shop.name }}"#
        ),
        html: None,
    },
    Builtin {
        kind: EmailKind::PaymentFinalNotice,
        subject: "Последнее напоминание: заказ {{ order_number }} будет отменён",
        text: concat!(
            r#"Здравствуйте, {{ customer_name }}!

Оплата заказа {{ order_number }} всё ещё не поступила. Если она не придёт до {{ payment.deadline|datetime }} (осталось: {{ plural("days", days_left) }}), мы отменим заказ и снимем резерв с товаров.

"#,
            bank!(),
            r#"
Если вы уже оплатили заказ, пришлите, пожалуйста, подтверждение платежа на {{ shop.support_email }}.

{{ shop.name }}"#
        ),
        html: None,
    },
    Builtin {
        kind: EmailKind::AbandonedCheckout,
        subject: "Вы оставили товары в корзине",
        text: r#"Здравствуйте, {{ customer_name }}!

В вашей корзине: {{ plural("items", item_count) }} на сумму {{ total|money }}. Мы всё сохранили — вернуться к оформлению можно по ссылке:
{{ resume_url }}

Есть вопросы? Просто ответьте на это письмо.

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::Shipped,
        subject: "Заказ {{ order_number }} отправлен",
        text: r#"Здравствуйте, {{ customer_name }}!

Заказ {{ order_number }} передан в службу доставки {{ carrier }}{% if estimated_delivery %}, ожидаемая дата доставки — {{ estimated_delivery|date }}{% endif %}.

Трек-номер: {{ tracking_number }}
Отследить посылку: {{ tracking_url }}

{{ shop.name }}"#,
        html: Some(
            r#"<!doctype html>
<html lang="ru">
<body style="font-family: sans-serif; color: #222">
<p>Здравствуйте, {{ customer_name }}!</p>
<p>Заказ <strong>{{ order_number }}</strong> передан в службу доставки {{ carrier }}{% if estimated_delivery %}, ожидаемая дата доставки — <strong>{{ estimated_delivery|date }}</strong>{% endif %}.</p>
<p>Трек-номер: {{ tracking_number }}</p>
<p><a href="{{ tracking_url }}">Отследить посылку</a></p>
<p>{{ shop.name }}</p>
</body>
</html>"#,
        ),
    },
    Builtin {
        kind: EmailKind::Delivered,
        subject: "Заказ {{ order_number }} доставлен — как всё прошло?",
        text: r#"Здравствуйте, {{ customer_name }}!

Заказ {{ order_number }} доставлен {{ delivered_at|date }}. Надеемся, покупка вам понравится!

Расскажите, как всё прошло, — опрос займёт минуту:
{{ survey_url }}

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportReply,
        subject: "Re: {{ case_subject }} [{{ case_number }}]",
        text: r#"Здравствуйте, {{ customer_name }}!

{{ reply }}

{{ agent_name }}
Служба поддержки {{ shop.name }}

Ответьте на это письмо или откройте всю переписку: {{ case_url }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportAwaitingReply,
        subject: "Ждём вашего ответа: {{ case_subject }} [{{ case_number }}]",
        text: r#"Здравствуйте, {{ customer_name }}!

Мы ждём вашего ответа по обращению «{{ case_subject }}» ({{ case_number }}), чтобы продолжить
помогать вам. Просто ответьте на это письмо или здесь: {{ case_url }}

Если мы не получим ответа, обращение будет считаться решённым; вы сможете открыть его снова в любое время.

Служба поддержки {{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportCaseReceived,
        subject: "Мы получили ваше обращение: {{ case_subject }} [{{ case_number }}]",
        text: r#"Здравствуйте, {{ customer_name }}!

Спасибо, что написали нам. Мы получили ваше обращение «{{ case_subject }}» и зарегистрировали
его под номером {{ case_number }}; мы ответим как можно скорее.

Чтобы что-то добавить, просто ответьте на это письмо (сохраните номер в теме) или следите
за обращением здесь: {{ case_url }}

Служба поддержки {{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::ReturnUpdate,
        subject: "Возврат {{ return_number }}: новый статус",
        text: r#"Здравствуйте, {{ customer_name }}!

{% if stage == "approved" %}
Возврат {{ return_number }} по заказу {{ order_number }} одобрен. Отправьте, пожалуйста, товар по инструкции в личном кабинете.
{% elif stage == "rejected" %}
К сожалению, заявка на возврат {{ return_number }} по заказу {{ order_number }} не одобрена.
{% elif stage == "received" %}
Мы получили товар по возврату {{ return_number }} (заказ {{ order_number }}) и проверяем его.
{% elif stage == "refunded" %}
Мы вернули {% if refund_amount %}{{ refund_amount|money }}{% else %}деньги{% endif %} по возврату {{ return_number }} (заказ {{ order_number }}). Деньги могут поступить на счёт в течение нескольких дней.
{% else %}
Замена по возврату {{ return_number }} (заказ {{ order_number }}) уже в пути.
{% endif %}
{% if note %}

Комментарий: {{ note }}
{% endif %}

Подробности: {{ return_url }}

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::BackInStock,
        subject: "{{ product_name }} снова в продаже – {{ shop.name }}",
        text: r#"Здравствуйте, {{ customer_name }}!

Хорошая новость: {{ product_name }}{% if variant_label %} ({{ variant_label }}){% endif %}, о котором вы спрашивали, снова можно заказать.

{{ product_url }}

Мы пишем об этом один раз, как вы просили; товар может скоро закончиться снова.

{{ shop.name }}"#,
        html: None,
    },
];
