//! Chinese (Simplified) built-in templates and plural messages.

use super::Builtin;
use crate::notify::kind::EmailKind;

/// The bank-transfer block shared by the order confirmation and the payment reminders.
macro_rules! bank {
    () => {
        r#"  金额：{{ payment.amount|money }}
  收款人：{{ payment.bank.beneficiary }}
  IBAN：{{ payment.bank.iban }}
  BIC：{{ payment.bank.bic }}（{{ payment.bank.bank_name }}）
  付款附言：{{ payment.reference }}
"#
    };
}

/// Chinese has no grammatical plural: one form for every count.
pub(super) const PLURALS: &str = r#"
items = { $count } 件商品
days = { $count } 天
"#;

pub(super) const TEMPLATES: [Builtin; 12] = [
    Builtin {
        kind: EmailKind::OrderConfirmation,
        subject: "订单 {{ order_number }} 已确认 – {{ shop.name }}",
        text: concat!(
            r#"{{ customer_name }}，您好！

感谢您的订购。订单 {{ order_number }} 共 {{ plural("items", item_count) }}，合计 {{ total|money }}。

{% for line in lines %}
- {{ line.name }} × {{ line.quantity }}：{{ line.total|money }}
{% endfor %}
{% if payment %}

请在 {{ payment.deadline|datetime }} 前通过银行转账付款：

"#,
            bank!(),
            r#"
请准确填写付款附言，以便我们核对您的付款。款项到账后我们将立即发货。
{% endif %}

查看订单：{{ order_url }}

{{ shop.name }}
如有疑问，请发邮件至 {{ shop.support_email }}。"#
        ),
        html: Some(
            r#"<!doctype html>
<html lang="zh">
<body style="font-family: sans-serif; color: #222">
<p>{{ customer_name }}，您好！</p>
<p>感谢您的订购。订单 <strong>{{ order_number }}</strong> 共 {{ plural("items", item_count) }}，合计 {{ total|money }}。</p>
<table>
{% for line in lines %}
<tr><td>{{ line.name }}</td><td>× {{ line.quantity }}</td><td style="text-align: right">{{ line.total|money }}</td></tr>
{% endfor %}
</table>
{% if payment %}
<h3>银行转账付款</h3>
<p>请在 <strong>{{ payment.deadline|datetime }}</strong> 前付款：</p>
<table>
<tr><td>金额</td><td><strong>{{ payment.amount|money }}</strong></td></tr>
<tr><td>收款人</td><td>{{ payment.bank.beneficiary }}</td></tr>
<tr><td>IBAN</td><td>{{ payment.bank.iban }}</td></tr>
<tr><td>BIC</td><td>{{ payment.bank.bic }}（{{ payment.bank.bank_name }}）</td></tr>
<tr><td>付款附言</td><td><strong>{{ payment.reference }}</strong></td></tr>
</table>
<p>请准确填写付款附言，以便我们核对您的付款。</p>
{% endif %}
<p><a href="{{ order_url }}">查看订单</a></p>
<p>{{ shop.name }} · <a href="mailto:{{ shop.support_email }}">{{ shop.support_email }}</a></p>
</body>
</html>"#,
        ),
    },
    Builtin {
        kind: EmailKind::PaymentReceived,
        subject: "订单 {{ order_number }} 已收到付款",
        text: r#"{{ customer_name }}，您好！

我们已于 {{ received_at|date }} 收到您的付款 {{ amount|money }}{% if reference %}（付款附言 {{ reference }}）{% endif %}，谢谢！
我们正在为订单 {{ order_number }} 备货，发货后会再通知您。

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::PaymentReminder,
        subject: "提醒：订单 {{ order_number }} 待付款",
        text: concat!(
            r#"{{ customer_name }}，您好！

我们尚未收到订单 {{ order_number }} 的付款。距付款截止还有 {{ plural("days", days_left) }}，请在 {{ payment.deadline|datetime }} 前完成付款：

"#,
            bank!(),
            r#"
如果您已经付款，谢谢您，请忽略本邮件。

{{ shop.name }}"#
        ),
        html: None,
    },
    Builtin {
        kind: EmailKind::PaymentFinalNotice,
        subject: "最后通知：订单 {{ order_number }} 即将取消",
        text: concat!(
            r#"{{ customer_name }}，您好！

订单 {{ order_number }} 的款项仍未到账。如果在 {{ payment.deadline|datetime }} 前（还剩 {{ plural("days", days_left) }}）仍未收到付款，我们将取消订单并释放为您预留的商品。

"#,
            bank!(),
            r#"
如果您已经付款，请将付款凭证发送至 {{ shop.support_email }}。

{{ shop.name }}"#
        ),
        html: None,
    },
    Builtin {
        kind: EmailKind::AbandonedCheckout,
        subject: "您的购物车里还有商品",
        text: r#"{{ customer_name }}，您好！

您的购物车里还有 {{ plural("items", item_count) }}，共 {{ total|money }}。我们已为您保留，点击链接即可继续结账：
{{ resume_url }}

如有疑问，直接回复本邮件即可。

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::Shipped,
        subject: "订单 {{ order_number }} 已发货",
        text: r#"{{ customer_name }}，您好！

订单 {{ order_number }} 已交由 {{ carrier }} 配送{% if estimated_delivery %}，预计 {{ estimated_delivery|date }} 送达{% endif %}。

运单号：{{ tracking_number }}
查看物流：{{ tracking_url }}

{{ shop.name }}"#,
        html: Some(
            r#"<!doctype html>
<html lang="zh">
<body style="font-family: sans-serif; color: #222">
<p>{{ customer_name }}，您好！</p>
<p>订单 <strong>{{ order_number }}</strong> 已交由 {{ carrier }} 配送{% if estimated_delivery %}，预计 <strong>{{ estimated_delivery|date }}</strong> 送达{% endif %}。</p>
<p>运单号：{{ tracking_number }}</p>
<p><a href="{{ tracking_url }}">查看物流</a></p>
<p>{{ shop.name }}</p>
</body>
</html>"#,
        ),
    },
    Builtin {
        kind: EmailKind::Delivered,
        subject: "订单 {{ order_number }} 已送达，期待您的评价",
        text: r#"{{ customer_name }}，您好！

订单 {{ order_number }} 已于 {{ delivered_at|date }} 送达，希望您喜欢！

欢迎花一分钟告诉我们您的购物体验：
{{ survey_url }}

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportReply,
        subject: "Re: {{ case_subject }} [{{ case_number }}]",
        text: r#"{{ customer_name }}，您好！

{{ reply }}

{{ agent_name }}
{{ shop.name }} 客服

直接回复本邮件，或查看完整对话：{{ case_url }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportAwaitingReply,
        subject: "等待您的答复：{{ case_subject }} [{{ case_number }}]",
        text: r#"{{ customer_name }}，您好！

关于您的请求“{{ case_subject }}”（{{ case_number }}），我们正在等待您的答复，以便继续为您服务。
直接回复本邮件，或在此答复：{{ case_url }}

如果没有收到您的答复，我们将视该请求为已解决；您可以随时重新打开。

{{ shop.name }} 客服"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::SupportCaseReceived,
        subject: "我们已收到您的请求：{{ case_subject }} [{{ case_number }}]",
        text: r#"{{ customer_name }}，您好！

感谢您的来信。我们已收到您的请求“{{ case_subject }}”，工单编号为 {{ case_number }}；
我们会尽快答复您。

如需补充信息，请直接回复本邮件（请保留主题中的工单编号），或在此查看工单：{{ case_url }}

{{ shop.name }} 客服"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::ReturnUpdate,
        subject: "退货 {{ return_number }} 状态更新",
        text: r#"{{ customer_name }}，您好！

{% if stage == "approved" %}
您的退货申请 {{ return_number }}（订单 {{ order_number }}）已获批准，请按照账户中的说明寄回商品。
{% elif stage == "rejected" %}
很抱歉，您的退货申请 {{ return_number }}（订单 {{ order_number }}）未获批准。
{% elif stage == "received" %}
我们已收到退货 {{ return_number }}（订单 {{ order_number }}）的商品，正在检验。
{% elif stage == "refunded" %}
退货 {{ return_number }}（订单 {{ order_number }}）的退款{% if refund_amount %} {{ refund_amount|money }} {% endif %}已原路退回，可能需要几天才能到账。
{% else %}
退货 {{ return_number }}（订单 {{ order_number }}）的换货商品已发出。
{% endif %}
{% if note %}

备注：{{ note }}
{% endif %}

详情：{{ return_url }}

{{ shop.name }}"#,
        html: None,
    },
    Builtin {
        kind: EmailKind::BackInStock,
        subject: "{{ product_name }} 已到货 – {{ shop.name }}",
        text: r#"{{ customer_name }}，您好：

好消息：您关注的{{ product_name }}{% if variant_label %}（{{ variant_label }}）{% endif %}现已可以订购。

{{ product_url }}

按您的要求，我们只通知这一次；库存有限，可能很快再次售罄。

{{ shop.name }}"#,
        html: None,
    },
];
