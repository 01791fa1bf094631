//! Quoted history trimmed from a reply: Gmail's "On … wrote:", Outlook's "From:/Sent:" block and
//! "-----Original Message-----", and `>` lines, so a case keeps only what the customer wrote now.

/// How attribution lines end in the languages the shop writes in ("On … wrote:", "… написал(а):").
const ATTRIBUTION_ENDINGS: [&str; 7] = ["wrote:", "написал:", "написал(а):", "написа:", "пише:", "写道：", "写道:"];

/// Separators Outlook and others put above the quoted message.
const SEPARATORS: [&str; 3] =
    ["-----original message-----", "----- original message -----", "-----исходное сообщение-----"];

/// The new text of `body`: everything above the first quoted-history marker, without `>` lines
/// and trailing blank lines. A body that is all quotation is returned whole (trimmed).
pub fn trim_quoted(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let end = history_start(&lines).unwrap_or(lines.len());
    let kept: Vec<&str> = lines[..end].iter().copied().filter(|line| !line.trim_start().starts_with('>')).collect();
    let text = kept.join("\n").trim().to_owned();
    match text.is_empty() {
        true => body.trim().to_owned(),
        false => text,
    }
}

/// The index of the first line of quoted history, if any.
fn history_start(lines: &[&str]) -> Option<usize> {
    (0..lines.len()).find_map(|index| {
        let line = lines[index].trim();
        if is_separator(line) || is_header_block(&lines[index..]) {
            return Some(index);
        }
        if is_attribution(line) {
            let wrapped = index > 0 && lines[index - 1].trim_start().starts_with("On ");
            return Some(if wrapped && !line.starts_with("On ") { index - 1 } else { index });
        }
        None
    })
}

fn is_attribution(line: &str) -> bool {
    ATTRIBUTION_ENDINGS.iter().any(|ending| line.ends_with(ending))
}

fn is_separator(line: &str) -> bool {
    let lower = line.to_lowercase();
    SEPARATORS.contains(&lower.as_str()) || (line.len() >= 20 && line.chars().all(|c| c == '_'))
}

/// Outlook's block: `From:` with `Sent:` (or `Date:`) and `To:`/`Subject:` in the next few lines.
fn is_header_block(lines: &[&str]) -> bool {
    let starts = |line: &str, names: &[&str]| names.iter().any(|name| line.trim_start().starts_with(name));
    if !lines.first().is_some_and(|line| starts(line, &["From:", "От:", "发件人:", "发件人："])) {
        return false;
    }
    let next: Vec<&str> = lines.iter().skip(1).take(4).copied().collect();
    let sent = next.iter().any(|line| starts(line, &["Sent:", "Date:", "Отправлено:", "发送时间:", "发送时间："]));
    let to = next.iter().any(|line| starts(line, &["To:", "Subject:", "Кому:", "Тема:", "收件人:", "主题:"]));
    sent && to
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_attribution_and_everything_below_is_cut() {
        let body = "Thanks, it arrived.\n\nOn Mon, 7 Dec 2026 at 10:00, Shop <help@shop.example.com> wrote:\n> Your parcel\n> is on its way.";
        assert_eq!(trim_quoted(body), "Thanks, it arrived.");
    }

    #[test]
    fn an_attribution_wrapped_over_two_lines_is_cut_from_its_first_line() {
        let body = "Yes please.\n\nOn Mon, 7 Dec 2026 at 10:00, Vitrina Demo Shop Customer Care\n<help@shop.example.com> wrote:\n> Shall we?";
        assert_eq!(trim_quoted(body), "Yes please.");
    }

    #[test]
    fn outlook_header_block_and_separator_are_cut() {
        let block = "Fine by me.\r\n\r\nFrom: Shop <help@shop.example.com>\r\nSent: Monday, December 7, 2026 10:00 AM\r\nTo: Ivan <ivan@example.bg>\r\nSubject: RE: Order\r\n\r\nOld text";
        assert_eq!(trim_quoted(block), "Fine by me.");
        let separator = "New words\n-----Original Message-----\nFrom: someone\nold words";
        assert_eq!(trim_quoted(separator), "New words");
    }

    #[test]
    fn quoted_lines_are_dropped_but_a_from_line_alone_is_kept() {
        assert_eq!(trim_quoted("> old\nnew\n> older"), "new");
        assert_eq!(trim_quoted("From: my order page\nit says pending"), "From: my order page\nit says pending");
    }

    #[test]
    fn a_body_that_is_only_quotation_is_kept_whole() {
        assert_eq!(trim_quoted("> only quoted\n"), "> only quoted");
    }
}
