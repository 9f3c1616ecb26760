// Where each value of a JSON text starts: its line, by its path ("fields[3].type"), so that an error
// found in the parsed document can name the line a person must edit (the catalogue's files).
//
//   auto lines = JsonValueLines(text);            // {"": 1, "id": 2, "fields": 5, "fields[0]": 6, ...}
//   int line = LineOf(lines, "fields[3].type");   // the nearest recorded ancestor's line when absent
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace qc {

// The 1-based line of the start of every value of a well-formed JSON text, keyed by path: object
// members as "a.b", array elements as "a[2]", the root as "". (Text that is not JSON gives a partial
// map; parse it first.)
std::map<std::string, int> JsonValueLines(std::string_view text);

// The line of `path`, else of its nearest ancestor that has one, else 1.
int LineOf(const std::map<std::string, int>& lines, std::string path);

// The 1-based line of byte offset `offset` in `text`.
int LineAtOffset(std::string_view text, size_t offset);

}  // namespace qc
