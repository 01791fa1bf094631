//! Where the bytes of inbound attachments go: the [`AttachmentStore`] plug-in (object storage, a
//! file system, a database) and [`MemoryAttachments`], the in-process default.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use thiserror::Error;

/// Why an attachment could not be stored or read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("attachment store failed: {message}")]
pub struct AttachmentStoreError {
    /// What went wrong, in the plug-in's words.
    pub message: String,
}

/// Keeps the bytes of attachments under keys the engine chooses (`<message id>/<n>-<name>`).
/// Storing the same key again with the same bytes must succeed (a redelivered e-mail), and so must
/// deleting a key that holds nothing (a repeated erasure).
#[async_trait]
pub trait AttachmentStore: Send + Sync {
    /// Stores `content` (of type `content_type`) under `key`.
    async fn put(&self, key: &str, content_type: &str, content: &[u8]) -> Result<(), AttachmentStoreError>;
    /// The bytes stored under `key`, if any.
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, AttachmentStoreError>;
    /// Deletes what is stored under `key` (a customer's erasure).
    async fn delete(&self, key: &str) -> Result<(), AttachmentStoreError>;
}

/// Attachments kept in memory (tests, demos, a shop that forwards them elsewhere).
#[derive(Debug, Default)]
pub struct MemoryAttachments {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemoryAttachments {
    /// How many files are kept.
    pub fn len(&self) -> usize {
        self.files.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Whether no file is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[async_trait]
impl AttachmentStore for MemoryAttachments {
    async fn put(&self, key: &str, _content_type: &str, content: &[u8]) -> Result<(), AttachmentStoreError> {
        self.files.lock().unwrap_or_else(PoisonError::into_inner).insert(key.to_owned(), content.to_vec());
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, AttachmentStoreError> {
        Ok(self.files.lock().unwrap_or_else(PoisonError::into_inner).get(key).cloned())
    }

    async fn delete(&self, key: &str) -> Result<(), AttachmentStoreError> {
        self.files.lock().unwrap_or_else(PoisonError::into_inner).remove(key);
        Ok(())
    }
}
