// The one authorization decision: its rules (domain/authorization.cc), and a test generated from the
// route table that every session endpoint asks it, for every demo role, before its handler answers.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "app/app.h"
#include "app/setup.h"
#include "domain/authorization.h"
#include "domain/case_state.h"
#include "http/handlers.h"
#include "demo_app.h"
#include "test_dir.h"

namespace qc {
namespace {

using namespace std::chrono_literals;
using domain::Action;
using domain::Actor;
using domain::Role;

Actor User(Role role, const std::string& id, const std::string& unit) { return {id, id, id, role, unit, "c"}; }

domain::UnitTree Tree() {
  domain::UnitTree t;
  t.Add("bureau", "");
  t.Add("team1", "bureau");
  t.Add("team2", "bureau");
  return t;
}

TEST(Authorization, CasesAreSeenByUnitAndNeverByTheAdministrator) {
  domain::UnitTree units = Tree();
  auto see = [&](const Actor& a, const std::string& unit) {
    return domain::Authorize(a, Action::kViewCase, domain::UnitResource(unit), &units).ok();
  };
  EXPECT_TRUE(see(User(Role::kOfficer, "o1", "team1"), "team1"));
  EXPECT_FALSE(see(User(Role::kOfficer, "o1", "team1"), "team2"));
  EXPECT_TRUE(see(User(Role::kReviewer, "r", "bureau"), "team2")) << "the bureau sees every team";
  EXPECT_FALSE(see(User(Role::kReviewer, "r", "team1"), "team2"));
  EXPECT_FALSE(see(User(Role::kAdmin, "a", "bureau"), "team1")) << "Art. 36";
  EXPECT_EQ(domain::Authorize(User(Role::kAdmin, "a", "bureau"), Action::kViewCase, domain::UnitResource("team1"))
                .error_code(),
            ErrorCode::kInternal)
      << "a rule that needs the units denies without them";
  EXPECT_TRUE(domain::Authorize(Actor::System(), Action::kManageDirectory, domain::NoResource()).ok());
  EXPECT_FALSE(domain::Authorize(Actor{}, Action::kManageDirectory, domain::NoResource()).ok())
      << "an empty actor is nobody, not the system";
}

TEST(Authorization, OnlyAssignedOfficersActAndOnePersonTakesOneApprovalStep) {
  domain::CaseState c;
  c.unit_id = "team1";
  c.officers.push_back({"o1", "张伟", "13062100017", true});
  domain::Approval ap;
  ap.id = "apv_1";
  ap.state = domain::ApprovalState::kDeciding;
  ap.steps.push_back({domain::ApprovalStepKind::kSubmit,
                      {"o1", "张伟", "officer"},
                      domain::ApprovalDecision::kSubmit,
                      "建议",
                      "",
                      {}});
  ap.steps.push_back({domain::ApprovalStepKind::kReview,
                      {"r1", "审核", "reviewer"},
                      domain::ApprovalDecision::kApprove,
                      "同意",
                      "",
                      {}});
  c.approvals.push_back(ap);
  EXPECT_TRUE(domain::Authorize(User(Role::kOfficer, "o1", "team1"), Action::kActOnCase, domain::CaseResource(c)).ok());
  EXPECT_FALSE(
      domain::Authorize(User(Role::kOfficer, "o2", "team1"), Action::kActOnCase, domain::CaseResource(c)).ok());
  domain::Resource step = domain::CaseResource(c);
  step.approval_id = "apv_1";
  EXPECT_TRUE(domain::Authorize(User(Role::kApprover, "boss", "bureau"), Action::kDecideApprovalStep, step).ok());
  EXPECT_FALSE(domain::Authorize(User(Role::kApprover, "r1", "bureau"), Action::kDecideApprovalStep, step).ok())
      << "the reviewer, made approver since";
  EXPECT_FALSE(domain::Authorize(User(Role::kReviewer, "r2", "bureau"), Action::kDecideApprovalStep, step).ok())
      << "the step waits for the approver";
}

// Every route of the table that needs a session reaches the policy, as every demo role, before its
// handler answers: a decision is counted on the request's thread, and a role the route's action
// refuses gets 403 whatever the path's ids and the body.
class RouteTableTest : public ::testing::Test {
 protected:
  void SetUp() override { app_ = testing::OpenDemoApp(dir_.path(), clock_); }
  std::string Token(const std::string& username) {
    return app_->auth().Login(username, app::kDemoPassword, "test-" + username).value().token;
  }
  testing::TempDir dir_;
  FakeClock clock_{TimePoint(1795741323456ms)};
  std::unique_ptr<app::App> app_;
};

TEST_F(RouteTableTest, EverySessionRouteAsksThePolicy) {
  http::Router router = http::MakeApiRouter(false);
  auto routes = router.Accesses();
  // Logging out ends the token: last.
  std::stable_partition(routes.begin(), routes.end(), [](const auto& r) { return r.pattern != "/api/v1/auth/logout"; });
  // The public routes are known by name: a new route cannot slip in without a session unnoticed.
  const std::set<std::string> kPublicPrefixes = {
      "/api/v1/health",        "/api/v1/auth/login", "/api/v1/ledger/checkpoint",  "/api/v1/ledger/keys",
      "/api/v1/ledger/proof/", "/api/v1/uploads",    "/api/v1/media/{id}/content", "/api/v1/vocabulary",
      "/api/v1/catalogue"};
  int session_routes = 0;
  for (const char* username : {"officer1", "reviewer1", "approver1", "legal1", "custodian1", "admin"}) {
    std::string token = Token(username);
    Actor actor = app_->directory().LoadActor(*app_->directory().FindUserId(username)).value();
    for (const auto& route : routes) {
      if (!route.access.session) {
        bool known = std::any_of(kPublicPrefixes.begin(), kPublicPrefixes.end(),
                                 [&](const std::string& p) { return route.pattern.rfind(p, 0) == 0; });
        EXPECT_TRUE(known) << route.method << " " << route.pattern << " has no session and is not a known public route";
        continue;
      }
      if (std::string(username) == "officer1") ++session_routes;
      http::Request req;
      req.method = route.method;
      req.path = route.pattern;
      for (size_t at; (at = req.path.find("{id}")) != std::string::npos;) req.path.replace(at, 4, "x_unknown");
      req.headers["authorization"] = "Bearer " + token;
      req.headers["content-type"] = "application/json";
      req.body = "{}";
      req.client = "test";
      int64_t before = domain::AuthorizationDecisionsOnThisThread();
      http::Response res = router.Dispatch(req, *app_);
      std::string what = std::string(username) + " " + route.method + " " + route.pattern + ": " +
                         std::to_string(res.status) + " " + res.body;
      EXPECT_GT(domain::AuthorizationDecisionsOnThisThread(), before) << what;
      bool allowed = domain::Authorize(actor, route.access.action, domain::AnyResource()).ok();
      if (!allowed) {
        EXPECT_EQ(res.status, 403) << what;
      }
      EXPECT_NE(res.status, 500) << what;
      EXPECT_NE(res.status, 401) << what;
    }
  }
  EXPECT_GE(session_routes, 25);
}

}  // namespace
}  // namespace qc
