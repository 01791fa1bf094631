//! Renders every built-in e-mail template in every built-in locale with the preview sample data,
//! into `<dir>/<locale>/<template>.txt` (subject first) and `.html`. `dir` is the first argument,
//! `target/emails` by default: `cargo run --example emails -- /tmp/emails`.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use vitrina::notify::{EmailKind, RenderedEmail, ShopSettings, TemplateStore, BUILTIN_LOCALES};

fn write_email(folder: &Path, email: &RenderedEmail) -> std::io::Result<()> {
    let text = format!("Subject: {}\n\n{}\n", email.subject, email.text);
    fs::write(folder.join(format!("{}.txt", email.template_id)), text)?;
    if let Some(html) = &email.html {
        fs::write(folder.join(format!("{}.html", email.template_id)), html)?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args().nth(1).map_or_else(|| PathBuf::from("target/emails"), PathBuf::from);
    let mut store = TemplateStore::new();
    let settings = ShopSettings { default_locale: "en".into(), time_zone: "Europe/Sofia".into() };
    store.configure_shop("demo", settings)?;
    let mut rendered = 0;
    for locale in BUILTIN_LOCALES {
        let folder = dir.join(locale);
        fs::create_dir_all(&folder)?;
        for kind in EmailKind::ALL {
            write_email(&folder, &store.preview("demo", kind.template_id(), locale)?)?;
            rendered += 1;
        }
    }
    println!("rendered {rendered} e-mails into {}", dir.display());
    Ok(())
}
