//! English built-in templates and plural messages.

use super::Builtin;
use crate::notify::kind::EmailKind;

/// The bank-transfer block shared by the order confirmation and the payment reminders.
macro_rules! bank {
    () => {
        r#"  Amount:      {{ payment.amount|money }}
  Beneficiary: {{ payment.bank.beneficiary }}
  IBAN:        {{ payment.bank.iban }}
  BIC:         {{ payment.bank.bic }} ({{ payment.bank.bank_name }})
  Reference:   {{ payment.reference }}
"#
    };
}

pub(super) const PLURALS: &str = r#"
items = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
"#;

pub(super) const TEMPLATES: [Builtin; 12] = [
    Builtin {
        kind: EmailKind::OrderConfirmation,
        subject: "Order {{ order_number }} confirmed – {{ shop.name }}",
        text: concat!(
            r#"Hello {{ customer_name }},

thank you for your order {{ order_number }}: {{ plural("items", item_count) }}, {{ total|money }} in total.

{% for line in lines %}
- {{ line.name }} × {{ line.quantity }}: {{ line.total|money }}
{% endfor %}
{% if payment %}

Please pay by bank transfer by {{ payment.deadline|datetime }}:

"#,
            bank!(),
            r#"
Please quote the reference exactly so we can match your payment. We ship as soon as it arrives.
{% endif %}

Your order: {{ order_url }}

{{ shop.name }}
Questions? Write to {{ shop.support_email }}."#
        ),
        html: Some(
            r#"<!doctype html>
<html lang="en">
<body style="font-family: sans-serif; color: #222">
<p>Hello {{ customer_name }},</p>
<p>thank you for your order <strong>{{ order_number }}</strong>: {{ plural("items", item_count) }}, {{ total|money }} in total.</p>
<table>
{% for line in lines %}
<tr><td>{{ line.name }}</td><td>× {{ line.quantity }}</td><td style="text-align: right">{{ line.total|money }}</td></tr>
{% endfor %}
</table>
{% if payment %}
<h3>Payment by bank transfer</h3>
<p>Please pay by <strong>{{ payment.deadline|datetime }}</strong>:</p>
<table>
<tr><td>Amount</td><td><strong>{{ payment.amount|money }}</strong></td></tr>
<tr><td>Beneficiary</td><td>{{ payment.bank.beneficiary }}</td></tr>
<tr><td>IBAN</td><td>{{ payment.bank.iban }}</td></tr>
<tr><td>BIC</td><td>{{ payment.bank.bic }} ({{ payment.bank.bank_name }})</td></tr>
<tr><td>Reference</td><td><strong>{{ payment.reference }}</strong></td></tr>
</table>
<p>Please quote the reference exactly so we can match your payment. We ship as soon as it arrives.</p>
{% endif %}
<p><a href="{{ order_url }}">View your order</a></p>
<p>{{ shop.name }} · <a href="mailto:{{ shop.support_email }}">{{ shop.support_email }}</a></p>
</body>
</html>"#,
        ),
    },
    Builtin {
        kind: EmailKind::PaymentReceived,
        subject: "Payment received for order {{ order_number }}",
        text: r#"Hello {{ customer_name }},

we received your payment of {{ amount|money }} {% if reference %}(reference {{ reference }}) {% endif %}on {{ received_at|date }}. Thank you!
We are now preparing order {{ order_number }} and will let you know when it ships.

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::PaymentReminder,
        subject: "Reminder: order {{ order_number }} is awaiting payment",
        text: concat!(
            r#"Hello {{ customer_name }},

we have not received the payment for order {{ order_number }} yet. Time left: {{ plural("days", days_left) }}. Please pay by {{ payment.deadline|datetime }}:

"#,
            bank!(),
            r#"
If you have already paid, thank you, and please ignore this message.

{{ shop.name }}"#
        ),
        html: None,
    },
    Builtin {
        kind: EmailKind::PaymentFinalNotice,
        subject: "Final notice: order {{ order_number }} will be cancelled",
        text: concat!(
            r#"Hello {{ customer_name }},

the payment for order {{ order_number }} is still outstanding. If it does not arrive by {{ payment.deadline|datetime }} ({{ plural("days", days_left) }} left), we will cancel the order and release the goods we reserved for you.

"#,
            bank!(),
            r#"
If you have paid in the meantime, please send the payment confirmation to {{ shop.support_email }}.

{{ shop.name }}"#
        ),
        html: None,
    },
    Builtin {
        kind: EmailKind::AbandonedCheckout,
        subject: "You left something in your cart",
        text: r#"Hello {{ customer_name }},

you left {{ plural("items", item_count) }} worth {{ total|money }} in your cart. We have kept them for you; pick up where you left off:
{{ resume_url }}

Questions? Just reply to this e-mail.

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::Shipped,
        subject: "Order {{ order_number }} is on its way",
        text: r#"Hello {{ customer_name }},

order {{ order_number }} is with {{ carrier }}{% if estimated_delivery %} and should arrive on {{ estimated_delivery|date }}{% endif %}.

Tracking number: {{ tracking_number }}
Track your parcel: {{ tracking_url }}

{{ shop.name }}"#,
        html: Some(
            r#"<!doctype html>
<html lang="en">
<body style="font-family: sans-serif; color: #222">
<p>Hello {{ customer_name }},</p>
<p>order <strong>{{ order_number }}</strong> is with {{ carrier }}{% if estimated_delivery %} and should arrive on <strong>{{ estimated_delivery|date }}</strong>{% endif %}.</p>
<p>Tracking number: {{ tracking_number }}</p>
<p><a href="{{ tracking_url }}">Track your parcel</a></p>
<p>{{ shop.name }}</p>
</body>
</html>"#,
        ),
    },
    Builtin {
        kind: EmailKind::Delivered,
        subject: "Order {{ order_number }} delivered – how did we do?",
        text: r#"Hello {{ customer_name }},

order {{ order_number }} was delivered on {{ delivered_at|date }}. We hope you enjoy it!

Would you tell us how we did? The survey takes a minute:
{{ survey_url }}

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportReply,
        subject: "Re: {{ case_subject }} [{{ case_number }}]",
        text: r#"Hello {{ customer_name }},

{{ reply }}

{{ agent_name }}
{{ shop.name }} customer care

Reply to this e-mail or see the whole conversation: {{ case_url }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportAwaitingReply,
        subject: "Waiting for your answer: {{ case_subject }} [{{ case_number }}]",
        text: r#"Hello {{ customer_name }},

we are waiting for your answer on your request "{{ case_subject }}" ({{ case_number }}), so that we
can go on helping you. Simply reply to this e-mail, or answer here: {{ case_url }}

If we do not hear from you, we will consider the request solved; you can reopen it at any time.

{{ shop.name }} customer care"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportCaseReceived,
        subject: "We got your request: {{ case_subject }} [{{ case_number }}]",
        text: r#"Hello {{ customer_name }},

thank you for writing to us. We got your request "{{ case_subject }}" and opened case
{{ case_number }} for it; we will answer as soon as we can.

To add something, simply reply to this e-mail (keep the case number in the subject), or follow
the case here: {{ case_url }}

{{ shop.name }} customer care"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::ReturnUpdate,
        subject: "Update on your return {{ return_number }}",
        text: r#"Hello {{ customer_name }},

{% if stage == "approved" %}
your return {{ return_number }} for order {{ order_number }} is approved. Please send the goods back as described in your account.
{% elif stage == "rejected" %}
we are sorry: your return request {{ return_number }} for order {{ order_number }} was not approved.
{% elif stage == "received" %}
we have received the goods of return {{ return_number }} (order {{ order_number }}) and are checking them.
{% elif stage == "refunded" %}
we have refunded {% if refund_amount %}{{ refund_amount|money }}{% else %}your money{% endif %} for return {{ return_number }} (order {{ order_number }}). It may take a few days to reach your account.
{% else %}
the replacement for return {{ return_number }} (order {{ order_number }}) is on its way.
{% endif %}
{% if note %}

Note: {{ note }}
{% endif %}

Details: {{ return_url }}

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::BackInStock,
        subject: "{{ product_name }} is back – {{ shop.name }}",
        text: r#"Hello {{ customer_name }},

good news: {{ product_name }}{% if variant_label %} ({{ variant_label }}){% endif %}, which you asked us about, can be ordered again.

{{ product_url }}

We wrote only this once, as you asked; stock may run out again soon.

{{ shop.name }}"#,
        html: None,
    },
];
