// Registers every /api/v1 route. One file per resource: handlers_auth.cc, handlers_cases.cc,
// handlers_documents.cc, handlers_directory.cc, handlers_ledger.cc, handlers_uploads.cc,
// handlers_media.cc. Handlers parse and validate input (http/input.h), call one app:: use case, and render the result;
// they hold no rules.
#pragma once

#include "http/router.h"

namespace qc::http {

struct ServerOptions;

void RegisterAuthRoutes(Router& r, bool secure_cookie);
void RegisterCaseRoutes(Router& r);
void RegisterDocumentRoutes(Router& r);
void RegisterDirectoryRoutes(Router& r);
void RegisterLedgerRoutes(Router& r);
void RegisterUploadRoutes(Router& r);
void RegisterMediaRoutes(Router& r);

// All of the above.
Router MakeApiRouter(bool secure_cookie = false);

// {"case": ..., "events": [...]} with the given status.
Response CommandResponse(int status, const std::string& key, const app::CommandResult& r);

}  // namespace qc::http
