// The C interface of CSimdjson.h over simdjson's on-demand API. Error codes only, no exceptions.
#include "CSimdjson.h"

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

using namespace simdjson;

/// The file's bytes, written by the caller (`csj_buffer`), with simdjson's padding after the
/// capacity: read once by the caller, from a file, a pipe or standard input.
struct FileBytes {
    std::unique_ptr<char[]> buffer;
    size_t capacity = 0;
    size_t length = 0;
    const char *data() const { return buffer.get(); }
    size_t size() const { return length; }

    /// Allocates `n` bytes plus zeroed padding, keeping the first `keep` bytes; false when out of memory.
    bool reserve(size_t n, size_t keep) {
        std::unique_ptr<char[]> fresh(new (std::nothrow) char[n + SIMDJSON_PADDING]);
        if (!fresh) { return false; }
        if (keep) { memcpy(fresh.get(), buffer.get(), std::min(keep, capacity)); }
        memset(fresh.get() + n, 0, SIMDJSON_PADDING);
        buffer = std::move(fresh);
        capacity = n;
        return true;
    }
};

struct CSJDocument {
    FileBytes json;
    size_t bom = 0;                  // length of a skipped UTF-8 byte order mark
    ondemand::parser parser;
    ondemand::document doc;
    ondemand::json_type root_type = ondemand::json_type::null;
    bool rewindable = false;         // the last operation succeeded: rewind instead of indexing again
    std::string text;                // the text fields' bytes of the last read
    std::vector<std::string> extras; // the extra keys of the last read
};

namespace {

padded_string_view view(const CSJDocument &d) {
    return padded_string_view(d.json.data() + d.bom, d.json.size() - d.bom, d.json.size() - d.bom + SIMDJSON_PADDING);
}

/// Starts an operation at the root: rewinds the document, or indexes it again after a failed
/// operation (simdjson abandons a document on some errors).
error_code start(CSJDocument &d) {
    if (d.rewindable) {
        d.doc.rewind();
    } else {
        SIMDJSON_TRY(d.parser.iterate(view(d)).get(d.doc));
    }
    d.rewindable = false;
    return SUCCESS;
}

/// The tokens Python's json module writes for float nan and inf.
bool is_python_number(std::string_view token) {
    return token == "NaN" || token == "Infinity" || token == "-Infinity";
}

/// Whether a number token is beyond the range of a double (simdjson rejects such numbers).
bool overflows(std::string_view token) {
    std::string text(token);
    char *end = nullptr;
    errno = 0;
    double x = strtod(text.c_str(), &end);
    return errno == ERANGE && std::isinf(x) && end == text.c_str() + text.size();
}

/// The text of the JSON value starting at `p` (an array or object), up to its end or `limit` bytes.
std::string_view excerpt(const char *p, const char *end, size_t limit) {
    const char *start = p;
    int depth = 0;
    bool in_string = false;
    for (; p < end && size_t(p - start) < limit; p++) {
        if (in_string) {
            if (*p == '\\') { p++; } else if (*p == '"') { in_string = false; }
        } else if (*p == '"') {
            in_string = true;
        } else if (*p == '[' || *p == '{') {
            depth++;
        } else if ((*p == ']' || *p == '}') && --depth == 0) {
            p++;
            break;
        }
    }
    return std::string_view(start, std::min(size_t(p - start), limit));
}

const char *code_name(error_code code) {
    switch (code) {
    case TAPE_ERROR: return "TAPE_ERROR";
    case INCOMPLETE_ARRAY_OR_OBJECT: return "INCOMPLETE_ARRAY_OR_OBJECT";
    case NUMBER_ERROR: return "NUMBER_ERROR";
    case STRING_ERROR: return "STRING_ERROR";
    case T_ATOM_ERROR: return "T_ATOM_ERROR";
    case F_ATOM_ERROR: return "F_ATOM_ERROR";
    case N_ATOM_ERROR: return "N_ATOM_ERROR";
    case UTF8_ERROR: return "UTF8_ERROR";
    case UNCLOSED_STRING: return "UNCLOSED_STRING";
    case UNESCAPED_CHARS: return "UNESCAPED_CHARS";
    case DEPTH_ERROR: return "DEPTH_ERROR";
    case INCORRECT_TYPE: return "INCORRECT_TYPE";
    default: return "error";
    }
}

/// Records errors in a CSJError: the element being read (`index`) and where the fault is.
struct Errors {
    CSJDocument &d;
    CSJError *e;
    int64_t index = -1;

    Errors(CSJDocument &document, CSJError *error) : d(document), e(error) {
        *e = CSJError{};
        e->offset = -1;
        e->index = -1;
        e->field = -1;
    }

    /// Records `status` at `at` (nullptr: unknown); returns false.
    bool fail(CSJStatus status, const char *at, int field = -1, bool parent = false,
              CSJFound found = CSJ_FOUND_NOTHING, std::string_view text = {}) {
        e->status = status;
        e->offset = at ? at - d.json.data() : -1;
        e->index = index;
        e->field = field;
        e->parent = parent;
        e->found = found;
        size_t n = std::min(text.size(), sizeof e->text - 1);
        if (n) { memcpy(e->text, text.data(), n); }
        e->text[n] = 0;
        return false;
    }

    /// Where the document's iterator is (nullptr: unknown).
    const char *location() {
        const char *at = nullptr;
        return d.doc.current_location().get(at) ? nullptr : at;
    }

    /// Records malformed JSON at `at` (nullptr: unknown).
    bool malformed(error_code code, const char *at) {
        std::string text = std::string(code_name(code)) + ": " + error_message(code);
        return fail(CSJ_MALFORMED, at, -1, false, CSJ_FOUND_NOTHING, text);
    }

    /// Records a misspelt true, false or null.
    bool bad_literal(std::string_view token) {
        error_code code = token[0] == 't' ? T_ATOM_ERROR : token[0] == 'f' ? F_ATOM_ERROR : N_ATOM_ERROR;
        return malformed(code, token.data());
    }

    /// Records the failure to read the root as an array or object.
    bool root_fault(error_code code) {
        if (code != INCORRECT_TYPE) {
            // The root's first and last tokens do not match: point at the last one.
            const char *end = d.json.data() + d.json.size();
            while (end > d.json.data() && strchr(" \t\r\n", end[-1])) { end--; }
            return malformed(code, end > d.json.data() ? end - 1 : end);
        }
        const char *at = d.json.data() + d.bom;
        switch (d.root_type) {
        case ondemand::json_type::array: return fail(CSJ_WRONG_ROOT, at, -1, false, CSJ_FOUND_ARRAY);
        case ondemand::json_type::object: return fail(CSJ_WRONG_ROOT, at, -1, false, CSJ_FOUND_OBJECT);
        default: {
            std::string_view token;
            if (d.doc.raw_json_token().get(token)) { token = {}; }
            return fail(CSJ_WRONG_ROOT, token.data(), -1, false, CSJ_FOUND_TOKEN, trim(token));
        }
        }
    }

    /// Checks that `v` is valid JSON and not NaN, Infinity or a number beyond a double; gives its
    /// type. Records the fault and returns false otherwise. Consumes a valid number.
    bool check(ondemand::value &v, std::string_view token, int field, bool parent, ondemand::json_type &type) {
        if (is_python_number(token)) {
            return fail(CSJ_NOT_JSON_NUMBER, token.data(), field, parent, CSJ_FOUND_TOKEN, token);
        }
        if (auto code = v.type().get(type)) { return malformed(code, token.data()); }
        if (type != ondemand::json_type::number) { return true; }
        double x;
        error_code code = v.get_double().get(x);
        if (code == NUMBER_ERROR && overflows(token)) {
            return fail(CSJ_OUT_OF_RANGE, token.data(), field, parent, CSJ_FOUND_TOKEN, token);
        }
        return code ? malformed(code, token.data()) : true;
    }

    /// Records why `v` could not be read for `field` (-1: the element or the member itself; with
    /// `parent`, the object holding a dotted field; with `integer`, an integer field). Returns true
    /// when `v` is null and not `required`: the value is absent.
    bool fault(ondemand::value &v, int field, bool parent, bool required, bool integer = false) {
        std::string_view token = trim(v.raw_json_token());
        const char *at = token.data();
        ondemand::json_type type;
        if (!check(v, token, field, parent, type)) { return false; }
        switch (type) {
        case ondemand::json_type::null: {
            bool null = false;
            if (v.is_null().get(null) || !null) { return bad_literal(token); }
            return !required || fail(CSJ_WRONG_TYPE, at, field, parent, CSJ_FOUND_TOKEN, token);
        }
        case ondemand::json_type::boolean: {
            bool b;
            if (v.get_bool().get(b)) { return bad_literal(token); }
            return fail(CSJ_WRONG_TYPE, at, field, parent, CSJ_FOUND_TOKEN, token);
        }
        case ondemand::json_type::number: {
            bool integral = token.find_first_of(".eE") == std::string_view::npos;
            CSJStatus status = !integer ? CSJ_WRONG_TYPE : integral ? CSJ_OUT_OF_RANGE : CSJ_NOT_INTEGER;
            return fail(status, at, field, parent, CSJ_FOUND_TOKEN, token);
        }
        case ondemand::json_type::string: {
            std::string_view s;
            if (auto code = v.get_string().get(s)) { return malformed(code, at); }
            return fail(CSJ_WRONG_TYPE, at, field, parent, CSJ_FOUND_STRING, s);
        }
        case ondemand::json_type::array:
            return fail(CSJ_WRONG_TYPE, at, field, parent, CSJ_FOUND_ARRAY, array_text(at));
        case ondemand::json_type::object:
            return fail(CSJ_WRONG_TYPE, at, field, parent, CSJ_FOUND_OBJECT);
        }
        return malformed(TAPE_ERROR, at);
    }

    std::string_view array_text(const char *at) {
        return excerpt(at, d.json.data() + d.json.size(), sizeof e->text - 1);
    }
};

/// The keys of one level of the objects being read: requested keys first (the fields, and the
/// parents of dotted fields), then the keys seen that no field requested.
struct KeyTable {
    struct Key {
        std::string name;
        bool plain;     // free of quotes and backslashes: comparable with a key's raw bytes
        int field;      // the requested field (a parent: its first required field, else its first); -1: extra
        int children;   // a parent: the index of its children's table; otherwise -1
        bool required;  // a parent: one of its fields is required
    };
    std::vector<Key> keys;
    size_t requested = 0;
    std::string prefix; // "x." in the table of parent x, to name its extra keys

    size_t add(std::string_view name, int field, int children, bool required) {
        bool plain = name.find_first_of("\"\\") == std::string_view::npos;
        keys.push_back(Key{std::string(name), plain, field, children, required});
        return keys.size() - 1;
    }

    /// The index of the key of `f`; adds a key not seen before as an extra key.
    error_code find(ondemand::field &f, std::vector<std::string> &extras, size_t &index) {
        ondemand::raw_json_string raw = f.key();
        for (index = 0; index < keys.size(); index++) {
            if (keys[index].plain && raw.unsafe_is_equal(keys[index].name)) { return SUCCESS; }
        }
        std::string_view name;
        SIMDJSON_TRY(f.unescaped_key().get(name));
        for (index = 0; index < keys.size(); index++) {
            if (keys[index].name == name) { return SUCCESS; }
        }
        index = add(name, -1, -1, false);
        extras.push_back(prefix + std::string(name));
        return SUCCESS;
    }
};

/// Reads the elements of an array of objects into the fields' buffers.
class Reader {
public:
    Reader(Errors &errors, const CSJField *fields, size_t count) : errors(errors), fields(fields) {
        tables.reserve(count + 1); // at most one table per field: references stay valid
        KeyTable &top = tables.emplace_back();
        for (size_t i = 0; i < count; i++) {
            const CSJField &field = fields[i];
            if (!field.child) {
                top.add(field.key, int(i), -1, field.required);
                continue;
            }
            size_t k = 0;
            while (k < top.keys.size() && top.keys[k].name != field.key) { k++; }
            if (k == top.keys.size()) {
                top.add(field.key, int(i), int(tables.size()), false);
                tables.emplace_back().prefix = std::string(field.key) + ".";
            }
            KeyTable::Key &parent = top.keys[k];
            if (field.required && !parent.required) { // report a missing parent as its first required field
                parent.field = int(i);
                parent.required = true;
            }
            tables[parent.children].add(field.child, int(i), -1, field.required);
        }
        for (KeyTable &table : tables) { table.requested = table.keys.size(); }
    }

    bool read_array(ondemand::array &array, int64_t count) {
        for (auto result : array) {
            ondemand::value v;
            if (auto code = std::move(result).get(v)) { return errors.malformed(code, errors.location()); }
            if (errors.index == count) { return errors.malformed(INDEX_OUT_OF_BOUNDS, nullptr); } // never: `count` was counted
            const char *start = v.raw_json_token().data();
            ondemand::object object;
            if (v.get_object().get(object)) { return errors.fault(v, -1, false, true); }
            if (!read_object(object, tables[0], start)) { return false; }
            errors.index++;
        }
        return true;
    }

private:
    Errors &errors;
    const CSJField *fields;
    std::vector<KeyTable> tables; // the elements' keys, then one table per parent of dotted fields

    bool read_object(ondemand::object &object, KeyTable &table, const char *start) {
        uint64_t seen = 0;
        for (auto result : object) {
            ondemand::field f;
            if (auto code = std::move(result).get(f)) { return errors.malformed(code, errors.location()); }
            const char *key_at = f.key().raw() - 1; // before `find` unescapes (consumes) the key
            size_t k;
            if (auto code = table.find(f, errors.d.extras, k)) { return errors.malformed(code, key_at); }
            if (k >= table.requested) { continue; }
            const KeyTable::Key &key = table.keys[k];
            if (seen >> k & 1) { return errors.fail(CSJ_DUPLICATE_KEY, key_at, key.field, key.children >= 0); }
            seen |= uint64_t(1) << k;
            bool ok = key.children >= 0 ? read_parent(f.value(), key) : read_value(f.value(), key);
            if (!ok) { return false; }
        }
        for (size_t k = 0; k < table.requested; k++) {
            const KeyTable::Key &key = table.keys[k];
            if (key.required && !(seen >> k & 1)) {
                return errors.fail(CSJ_MISSING_KEY, start, key.field, key.children >= 0);
            }
        }
        return true;
    }

    bool read_parent(ondemand::value &v, const KeyTable::Key &key) {
        const char *start = v.raw_json_token().data();
        ondemand::object object;
        if (v.get_object().get(object) == SUCCESS) { return read_object(object, tables[key.children], start); }
        return errors.fault(v, key.field, true, key.required);
    }

    bool read_value(ondemand::value &v, const KeyTable::Key &key) {
        const CSJField &field = fields[key.field];
        int64_t i = errors.index;
        bool ok = false;
        switch (field.kind) {
        case CSJ_INTEGER: {
            int64_t x;
            ok = v.get_int64().get(x) == SUCCESS;
            if (ok) { static_cast<int64_t *>(field.values)[i] = x; }
            break;
        }
        case CSJ_NUMBER: {
            double x;
            ok = v.get_double().get(x) == SUCCESS;
            if (ok) { static_cast<double *>(field.values)[i] = x; }
            break;
        }
        case CSJ_BOX: return read_box(v, key);
        case CSJ_TEXT: return read_text(v, key);
        }
        if (!ok) { return errors.fault(v, key.field, false, field.required, field.kind == CSJ_INTEGER); }
        if (field.present) { field.present[i] = true; }
        return true;
    }

    bool read_box(ondemand::value &v, const KeyTable::Key &key) {
        const CSJField &field = fields[key.field];
        const char *start = v.raw_json_token().data();
        ondemand::array array;
        if (v.get_array().get(array)) { return errors.fault(v, key.field, false, field.required); }
        double box[4];
        size_t n = 0;
        for (auto result : array) {
            ondemand::value x;
            if (auto code = std::move(result).get(x)) { return errors.malformed(code, errors.location()); }
            if (n < 4 && x.get_double().get(box[n]) == SUCCESS) {
                n++;
                continue;
            }
            ondemand::json_type type;
            if (!errors.check(x, trim(x.raw_json_token()), key.field, false, type)) { return false; }
            n = 5; // not a number, or a fifth element
            break;
        }
        if (n != 4) {
            return errors.fail(CSJ_WRONG_TYPE, start, key.field, false, CSJ_FOUND_ARRAY, errors.array_text(start));
        }
        memcpy(static_cast<double *>(field.values) + 4 * errors.index, box, sizeof box);
        if (field.present) { field.present[errors.index] = true; }
        return true;
    }

    /// Strings as they are; numbers, true and false as written.
    bool read_text(ondemand::value &v, const KeyTable::Key &key) {
        const CSJField &field = fields[key.field];
        std::string_view token = trim(v.raw_json_token());
        ondemand::json_type type;
        std::string_view s;
        if (v.type().get(type)) { return errors.fault(v, key.field, false, field.required); }
        switch (type) {
        case ondemand::json_type::string:
            if (auto code = v.get_string().get(s)) { return errors.malformed(code, token.data()); }
            break;
        case ondemand::json_type::number: {
            double x;
            error_code code = v.get_double().get(x);
            if (code && !(code == NUMBER_ERROR && overflows(token))) {
                return errors.fault(v, key.field, false, field.required);
            }
            s = token;
            break;
        }
        case ondemand::json_type::boolean: {
            bool b;
            if (v.get_bool().get(b)) { return errors.bad_literal(token); }
            s = b ? "true" : "false";
            break;
        }
        default: return errors.fault(v, key.field, false, field.required);
        }
        std::string &text = errors.d.text;
        int64_t *span = static_cast<int64_t *>(field.values) + 2 * errors.index;
        span[0] = int64_t(text.size());
        span[1] = int64_t(s.size());
        text.append(s);
        if (field.present) { field.present[errors.index] = true; }
        return true;
    }
};

bool key_is(ondemand::field &f, const char *name, error_code &code) {
    std::string_view key;
    code = f.unescaped_key().get(key);
    return !code && key == name;
}

/// Calls `use` with the array at the root (`member` nullptr) or at the root object's `member`.
/// With `whole`, scans the rest of the root object for a second `member`.
template <typename Use>
bool with_array(CSJDocument &d, const char *member, bool whole, Errors &errors, Use use) {
    if (auto code = start(d)) { return errors.malformed(code, nullptr); }
    if (!member) {
        ondemand::array array;
        if (auto code = d.doc.get_array().get(array)) { return errors.root_fault(code); }
        return use(array);
    }
    ondemand::object root;
    if (auto code = d.doc.get_object().get(root)) { return errors.root_fault(code); }
    bool found = false;
    for (auto result : root) {
        ondemand::field f;
        error_code code = std::move(result).get(f);
        const char *key_at = code ? nullptr : f.key().raw() - 1; // before `key_is` unescapes (consumes) the key
        bool match = !code && key_is(f, member, code);
        if (code) { return errors.malformed(code, errors.location()); }
        if (!match) { continue; }
        if (found) { return errors.fail(CSJ_DUPLICATE_KEY, key_at); }
        found = true;
        ondemand::array array;
        if (f.value().get_array().get(array)) { return errors.fault(f.value(), -1, false, true); }
        if (!use(array)) { return false; }
        if (!whole) { return true; }
    }
    return found || errors.fail(CSJ_NO_MEMBER, d.json.data() + d.bom);
}

} // namespace

extern "C" {

CSJDocument *csj_new(size_t capacity) {
    auto d = std::make_unique<CSJDocument>();
    if (!d->json.reserve(capacity, 0)) { return nullptr; }
    return d.release();
}

uint8_t *csj_buffer(CSJDocument *document, size_t *capacity) {
    *capacity = document->json.capacity;
    return reinterpret_cast<uint8_t *>(document->json.buffer.get());
}

bool csj_grow(CSJDocument *document, size_t capacity, size_t keep) {
    return document->json.reserve(capacity, keep);
}

bool csj_parse(CSJDocument *document, size_t length, CSJError *error) {
    CSJDocument *d = document;
    Errors errors(*d, error);
    d->json.length = std::min(length, d->json.capacity);
    // simdjson may read up to SIMDJSON_PADDING bytes past the end: make them zeros.
    memset(d->json.buffer.get() + d->json.length, 0, SIMDJSON_PADDING);
    if (d->json.size() >= 3 && memcmp(d->json.data(), "\xEF\xBB\xBF", 3) == 0) { d->bom = 3; }
    if (auto code = start(*d)) {
        if (code == EMPTY || code == UTF8_ERROR) {
            errors.fail(code == EMPTY ? CSJ_EMPTY : CSJ_NOT_UTF8, nullptr);
        } else {
            errors.malformed(code, nullptr); // found while indexing: no position
        }
        return false;
    }
    if (auto code = d->doc.type().get(d->root_type)) {
        std::string_view token;
        if (d->doc.raw_json_token().get(token) == SUCCESS && is_python_number(trim(token))) {
            errors.fail(CSJ_NOT_JSON_NUMBER, token.data(), -1, false, CSJ_FOUND_TOKEN, trim(token));
        } else {
            errors.malformed(code, d->json.data() + d->bom);
        }
        return false;
    }
    d->rewindable = true;
    return true;
}

void csj_close(CSJDocument *document) { delete document; }

const uint8_t *csj_bytes(const CSJDocument *document, size_t *count) {
    *count = document->json.size();
    return reinterpret_cast<const uint8_t *>(document->json.data());
}

bool csj_root_is_array(const CSJDocument *document) {
    return document->root_type == ondemand::json_type::array;
}

bool csj_has_member(CSJDocument *document, const char *name) {
    CSJDocument &d = *document;
    ondemand::object root;
    if (d.root_type != ondemand::json_type::object || start(d) || d.doc.get_object().get(root)) { return false; }
    for (auto result : root) {
        ondemand::field f;
        error_code code = std::move(result).get(f);
        bool match = !code && key_is(f, name, code);
        if (code || match) {
            d.rewindable = !code;
            return match;
        }
    }
    d.rewindable = true;
    return false;
}

int64_t csj_count(CSJDocument *document, const char *member, CSJError *error) {
    Errors errors(*document, error);
    size_t count = 0;
    bool ok = with_array(*document, member, true, errors, [&](ondemand::array &array) {
        auto code = array.count_elements().get(count);
        return !code || errors.malformed(code, errors.location());
    });
    document->rewindable = ok;
    return ok ? int64_t(count) : -1;
}

bool csj_read(CSJDocument *document, const char *member, const CSJField *fields, size_t field_count,
              int64_t count, CSJError *error) {
    Errors errors(*document, error);
    document->text.clear();
    document->extras.clear();
    Reader reader(errors, fields, field_count);
    bool ok = with_array(*document, member, false, errors, [&](ondemand::array &array) {
        errors.index = 0;
        return reader.read_array(array, count);
    });
    document->rewindable = ok;
    return ok;
}

const char *csj_text_bytes(const CSJDocument *document, size_t *count) {
    *count = document->text.size();
    return document->text.data();
}

size_t csj_extra_key_count(const CSJDocument *document) { return document->extras.size(); }

const char *csj_extra_key(const CSJDocument *document, size_t index) { return document->extras[index].c_str(); }

} // extern "C"
