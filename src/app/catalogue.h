// The catalogue of written records the server runs with (domain/catalogue.h): the files of
// catalogue/ built into the binary (cmake/embed_catalogue.cmake), or those of a directory given at
// start (`serve --catalogue DIR`). Loaded when the app opens; a malformed file stops it, naming the
// file, the line and the key.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "domain/catalogue.h"

namespace qc::app {

// catalogue/*.json as built (generated catalogue_data.cc).
std::vector<domain::CatalogueFile> BuiltInCatalogue();

// The *.json files of `dir` (by name), or the built-in ones when `dir` is empty, loaded.
StatusOr<domain::Catalogue> LoadCatalogue(const std::string& dir);

}  // namespace qc::app
