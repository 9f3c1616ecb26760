// The page envelope every list answers with: {"items", "total", "page", "page_size"}.
#pragma once

#include <functional>

#include "common/canonical_json.h"
#include "store/query.h"

namespace qc::app {

template <class Row, class ItemFn>
Json PageJson(const store::Page<Row>& page, const store::PageRequest& p, ItemFn&& item) {
  Json items = Json::array();
  for (const Row& r : page.items) items.push_back(item(r));
  return Json{{"items", std::move(items)}, {"total", page.total}, {"page", p.page}, {"page_size", p.page_size}};
}

inline Json EmptyPageJson(const store::PageRequest& p) {
  return Json{{"items", Json::array()}, {"total", 0}, {"page", p.page}, {"page_size", p.page_size}};
}

}  // namespace qc::app
