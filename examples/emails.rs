//! Renders every built-in e-mail template in every built-in locale as the shop of the shop day would
//! send it (its templates, profile and time zone, filled with sample data) through
//! `shop.admin().preview_email`, into `<dir>/<locale>/<template>.txt` (subject first) and `.html`.
//! `dir` is the first argument, `target/emails` by default: `cargo run --example emails -- /tmp/emails`.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use vitrina::notify::{EmailKind, RenderedEmail, BUILTIN_LOCALES};
use vitrina::shop::{Plugins, Settings, Shop};
use vitrina_store_sqlite::SqliteStore;

fn write_email(folder: &Path, email: &RenderedEmail) -> std::io::Result<()> {
    let text = format!("Subject: {}\n\n{}\n", email.subject, email.text);
    fs::write(folder.join(format!("{}.txt", email.template_id)), text)?;
    if let Some(html) = &email.html {
        fs::write(folder.join(format!("{}.html", email.template_id)), html)?;
    }
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args().nth(1).map_or_else(|| PathBuf::from("target/emails"), PathBuf::from);
    let shop = Shop::new(Arc::new(SqliteStore::in_memory().await?), Plugins::new());
    let settings: Settings = serde_json::from_str(include_str!("data/shop_day_settings.json"))?;
    shop.admin().configure(settings).await?;
    let mut rendered = 0;
    for locale in BUILTIN_LOCALES {
        let folder = dir.join(locale);
        fs::create_dir_all(&folder)?;
        for kind in EmailKind::ALL {
            write_email(&folder, &shop.admin().preview_email(kind.template_id(), locale).await?)?;
            rendered += 1;
        }
    }
    println!("rendered {rendered} e-mails into {}", dir.display());
    Ok(())
}
