"""aiosmtpd handler for vitrina-mailer-smtp's tests: saves each received message as a JSON file.

Run as ``python -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.SaveToDirectory DIR`` with this
folder on PYTHONPATH. Each message becomes DIR/NNNN.json with the envelope, the decoded headers and
every MIME leaf part; the file appears atomically (written aside, then renamed). Header values are
decoded with ``email.header.decode_header``, which follows RFC 2047 (whitespace between adjacent
encoded words is dropped); the structured address parser is used only for the addresses.
"""

import base64
import email
import email.header
import email.policy
import itertools
import json
import os


class SaveToDirectory:
    """Writes every message it receives into one directory."""

    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)
        os.makedirs(directory, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("SaveToDirectory takes one argument: the directory to write to")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        plain = email.message_from_bytes(raw, policy=email.policy.compat32)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": decode(plain["subject"]),
            "headers": [[name, decode(value)] for name, value in plain.items()],
            "to_addresses": [address.addr_spec for address in message["to"].addresses],
            "parts": [leaf(part) for part in message.walk() if not part.is_multipart()],
            "raw": raw.decode("utf-8", "replace"),
        }
        name = f"{next(self.counter):04d}.json"
        temporary = os.path.join(self.directory, "." + name)
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(temporary, os.path.join(self.directory, name))
        return "250 Message accepted for delivery"


def decode(value):
    return str(email.header.make_header(email.header.decode_header(value)))


def leaf(part):
    content = part.get_content()
    if isinstance(content, bytes):
        content = base64.b64encode(content).decode("ascii")
    return {
        "content_type": part.get_content_type(),
        "filename": part.get_filename(),
        "content": content,
    }
