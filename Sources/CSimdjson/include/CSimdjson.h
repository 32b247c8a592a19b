/// A C interface to simdjson's on-demand API for reading arrays of objects into columns
/// (EvalKitData's FastJSONDocument is its only client).
///
/// Use: open a document, count the elements of an array (the root, or a member of the root object),
/// let the caller allocate one buffer per requested field, then read the array into them in one pass.
/// Offsets are byte offsets in the file.
#ifndef CSIMDJSON_H
#define CSIMDJSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A JSON file loaded and indexed by simdjson.
typedef struct CSJDocument CSJDocument;

/// What went wrong.
typedef enum CSJStatus {
    CSJ_OK = 0,
    CSJ_UNREADABLE,      ///< The file cannot be read; `text` is the system's reason.
    CSJ_EMPTY,           ///< The file holds no JSON value.
    CSJ_NOT_UTF8,        ///< The file is not valid UTF-8 (no position: the caller can find it).
    CSJ_MALFORMED,       ///< Not valid JSON at `offset` (-1 when unknown); `text` is simdjson's error.
    CSJ_NOT_JSON_NUMBER, ///< NaN, Infinity or -Infinity (Python's json writes them); `text` is the token.
    CSJ_WRONG_ROOT,      ///< The root is not an array (no member) or not an object; `found` and `text` describe it.
    CSJ_WRONG_TYPE,      ///< A value of the wrong type or shape; `found` and `text` describe it.
    CSJ_NOT_INTEGER,     ///< A number with a fraction or an exponent where an integer was requested.
    CSJ_OUT_OF_RANGE,    ///< A number beyond the range of int64 (integers) or double (numbers).
    CSJ_NO_MEMBER,       ///< The root object has no such member.
    CSJ_MISSING_KEY,     ///< A required key is absent; `offset` is the object's start.
    CSJ_DUPLICATE_KEY,   ///< A requested key appears twice in one object; `offset` is the second.
} CSJStatus;

/// The kind of value an error found.
typedef enum CSJFound {
    CSJ_FOUND_NOTHING = 0,
    CSJ_FOUND_STRING,    ///< `text` is the string, unescaped.
    CSJ_FOUND_TOKEN,     ///< `text` is a number, true, false or null as written.
    CSJ_FOUND_ARRAY,     ///< `text` is the start of the array as written.
    CSJ_FOUND_OBJECT,
} CSJFound;

/// An error: its status and where it is.
typedef struct CSJError {
    CSJStatus status;
    CSJFound found;
    int64_t offset;      ///< Byte offset of the fault in the file; -1 when unknown.
    int64_t index;       ///< The array element at fault; -1 for the array itself or the root.
    int32_t field;       ///< The requested field at fault; -1 for the element itself.
    bool parent;         ///< The fault is the object holding a dotted field (`attributes` of `attributes.plate`).
    char text[256];      ///< NUL-terminated, possibly truncated: the reason, simdjson's message or the value found.
} CSJError;

/// How to read a field.
typedef enum CSJKind {
    CSJ_INTEGER,         ///< `values`: int64_t[count].
    CSJ_NUMBER,          ///< `values`: double[count].
    CSJ_BOX,             ///< `values`: double[4 * count], from an array of exactly 4 numbers.
    CSJ_TEXT,            ///< `values`: int64_t[2 * count], (start, length) in `csj_text_bytes`.
} CSJKind;

/// A requested field and the buffers to read it into. Elements where the key is absent or null
/// are left untouched, so the caller fills the buffers with its "absent" values beforehand.
typedef struct CSJField {
    const char *key;     ///< The key in each element.
    const char *child;   ///< A key inside the object at `key` (a dotted path), or NULL.
    CSJKind kind;
    bool required;       ///< Absent or null is an error.
    void *values;
    bool *present;       ///< Set to true where the key holds a non-null value; NULL when not wanted.
} CSJField;

/// A document with room for `capacity` bytes (plus simdjson's padding), which the caller fills
/// through `csj_buffer` (a file is read once, by the caller, so pipes work); NULL when out of memory.
CSJDocument *csj_new(size_t capacity);
/// The document's writable buffer and its capacity.
uint8_t *csj_buffer(CSJDocument *document, size_t *capacity);
/// Grows the buffer to `capacity` bytes, keeping its first `keep` bytes; false when out of memory.
bool csj_grow(CSJDocument *document, size_t capacity, size_t keep);
/// Indexes the first `length` bytes of the buffer; false on error (`error` says why; the document
/// keeps its bytes for `csj_bytes` and must still be closed). Skips a UTF-8 byte order mark.
/// Errors in the structure of arrays and objects are found as they are read.
bool csj_parse(CSJDocument *document, size_t length, CSJError *error);
void csj_close(CSJDocument *document);

/// The file's bytes (to turn offsets into lines and columns).
const uint8_t *csj_bytes(const CSJDocument *document, size_t *count);

/// Whether the root is an array.
bool csj_root_is_array(const CSJDocument *document);

/// Whether the root is an object with this member.
bool csj_has_member(CSJDocument *document, const char *name);

/// The number of elements of the array at the root (`member` NULL) or at the root object's
/// `member`; -1 on error. A member that appears twice is an error.
int64_t csj_count(CSJDocument *document, const char *member, CSJError *error);

/// Reads every element of the array (as located by `csj_count`, which gave `count`) into the
/// fields' buffers. At most 64 fields. Returns false on error.
bool csj_read(CSJDocument *document, const char *member, const CSJField *fields, size_t field_count,
              int64_t count, CSJError *error);

/// The bytes of the text fields of the last `csj_read`, valid until the next call on the document.
const char *csj_text_bytes(const CSJDocument *document, size_t *count);

/// The keys seen by the last `csj_read` that no field requested ("x.y" for a key inside a
/// dotted field's parent "x"), in order of first appearance.
size_t csj_extra_key_count(const CSJDocument *document);
const char *csj_extra_key(const CSJDocument *document, size_t index);

#ifdef __cplusplus
}
#endif

#endif
