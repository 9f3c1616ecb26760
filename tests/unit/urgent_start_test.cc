// Art. 10 urgent starts: the measure taken on the spot, the 24-hour report (行政强制法 第十九条), the
// release when the 负责人 refuses; a party 身份不明 recorded and identified later.
#include <gtest/gtest.h>

#include "case_harness.h"
#include "domain/deadlines.h"

namespace qc::domain {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;

OpenCaseCommand UrgentSeizure(TimePoint now) {
  OpenCaseCommand cmd;
  cmd.case_id = "case_1";
  cmd.unit_id = "team1";
  cmd.title = "非法储存烟花爆竹案";
  cmd.mode = StartMode::kExOfficio;
  cmd.urgent = true;
  cmd.urgent_reason = "夜间发现仓库储存烟花爆竹，不立即扣押可能灭失或引发火灾";
  cmd.opened_at = now;
  cmd.urgent_measure = UrgentMeasure{"扣押烟花爆竹12箱", "易县城关镇东关村仓库", now - 2h, {}};
  // Scenario E: the owner is absent, described until identified.
  cmd.parties = {
      PartyFromJson({{"kind", "natural_person"}, {"name", "仓库业主（身份不明）"}, {"identity_unknown", true}})};
  cmd.start_form = StartFormFromJson({{"cause", "巡逻发现东关村仓库储存大量烟花爆竹"}});
  return cmd;
}

const Deadline* Find(const std::vector<Deadline>& ds, const std::string& kind) {
  for (const auto& d : ds)
    if (d.kind == kind) return &d;
  return nullptr;
}

TEST(UrgentStart, TheMeasureIsRecordedWithItsPlaceAndTimeNeverInTheFuture) {
  CaseHarness h;
  OpenCaseCommand cmd = UrgentSeizure(h.now);
  cmd.urgent_measure->measure = "";
  EXPECT_EQ(DecideOpen(Officer(), cmd).status().field(), "urgent_measure.measure");
  cmd = UrgentSeizure(h.now);
  cmd.urgent_measure->place = "x";
  EXPECT_EQ(DecideOpen(Officer(), cmd).status().field(), "urgent_measure.place");
  cmd = UrgentSeizure(h.now);
  cmd.urgent_measure->taken_at = h.now + 1min;
  EXPECT_EQ(DecideOpen(Officer(), cmd).status().field(), "urgent_measure.taken_at");
  cmd = UrgentSeizure(h.now);
  cmd.urgent = false;
  cmd.urgent_reason.clear();
  EXPECT_EQ(DecideOpen(Officer(), cmd).status().field(), "urgent_measure") << "a measure without an urgent start";

  ASSERT_TRUE(h.Run(DecideOpen(Officer(), UrgentSeizure(h.now)), Officer()).ok());
  ASSERT_TRUE(h.c.urgent_measure);
  EXPECT_EQ(h.c.urgent_measure->measure, "扣押烟花爆竹12箱");
  Json shown = CaseToJson(h.c)["urgent_measure"];
  EXPECT_EQ(shown["place"], "易县城关镇东关村仓库");
  EXPECT_EQ(shown["taken_at"], FormatRfc3339(h.now - 2h));
  EXPECT_TRUE(shown["released"].is_null());
}

TEST(UrgentStart, TheReportIsDueTwentyFourHoursAfterTheMeasureUntilApproved) {
  CaseHarness h;
  Actor off = Officer(), reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  ASSERT_TRUE(h.Run(DecideOpen(off, UrgentSeizure(h.now)), off).ok());
  auto ds = Deadlines(h.c);
  const Deadline* report = Find(ds, "urgent_report");
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->since, h.now - 2h);
  EXPECT_EQ(report->due, h.now + 22h) << "24 hours from taking the measure, not from registering it";
  EXPECT_NE(report->article.find("行政强制法第十九条"), std::string::npos);

  // The party's identity is not known yet: the start approval is not blocked (Art. 10).
  ASSERT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_1", "补报立案", "", std::nullopt}), off).ok());
  EXPECT_NE(Find(Deadlines(h.c), "urgent_report"), nullptr) << "submitted is not yet approved";
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "approve", "同意补办"), approver).ok());
  EXPECT_EQ(Find(Deadlines(h.c), "urgent_report"), nullptr);
  EXPECT_EQ(DecideReleaseMeasure(h.c, off, "解除扣押").status().code(), "illegal_transition")
      << "an approved measure stays";
}

TEST(UrgentStart, ARefusedStartReleasesTheMeasureAtOnce) {
  CaseHarness h;
  Actor off = Officer(), reviewer = Staff(Role::kReviewer, "u_rev"), approver = Staff(Role::kApprover, "u_app");
  ASSERT_TRUE(h.Run(DecideOpen(off, UrgentSeizure(h.now)), off).ok());
  EXPECT_EQ(DecideReleaseMeasure(h.c, off, "解除扣押，物品退还").status().code(), "illegal_transition")
      << "not before the 负责人 refuses";
  ASSERT_TRUE(h.Run(DecideSubmitStartApproval(h.c, off, {"apv_1", "补报立案", "", std::nullopt}), off).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, reviewer, "apv_1", "approve", "同意"), reviewer).ok());
  ASSERT_TRUE(h.Run(DecideApprovalStep(h.c, approver, "apv_1", "reject", "数量未达违法标准，不应扣押"), approver).ok());
  EXPECT_EQ(h.c.status, CaseStatus::kRejected);
  auto ds = Deadlines(h.c);
  const Deadline* release = Find(ds, "measure_release");
  ASSERT_NE(release, nullptr) << "立即解除";
  EXPECT_EQ(release->due, *h.c.closed_at);
  EXPECT_NE(Find(ds, "case_file"), nullptr) << "the 30-day case file runs beside it";
  EXPECT_EQ(Find(ds, "urgent_report"), nullptr) << "refused: nothing left to report";

  EXPECT_EQ(DecideReleaseMeasure(h.c, off, "").status().field(), "note");
  EXPECT_EQ(DecideReleaseMeasure(h.c, off, "已解除").status().code(), "too_short");
  EXPECT_EQ(DecideReleaseMeasure(h.c, Officer("u_other"), "已解除扣押，物品退还").status().error_code(),
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(h.Run(DecideReleaseMeasure(h.c, off, "已解除扣押，12箱烟花爆竹当场退还业主"), off).ok());
  ASSERT_TRUE(h.c.urgent_measure->released);
  EXPECT_EQ(h.c.urgent_measure->released->by.id, off.user_id);
  EXPECT_EQ(Find(Deadlines(h.c), "measure_release"), nullptr);
  EXPECT_EQ(CaseToJson(h.c)["urgent_measure"]["released"]["note"], "已解除扣押，12箱烟花爆竹当场退还业主");
  EXPECT_EQ(DecideReleaseMeasure(h.c, off, "再次解除扣押").status().code(), "illegal_transition");
}

TEST(UrgentStart, APartyOfUnknownIdentityIsIdentifiedLater) {
  CaseHarness h;
  Actor off = Officer();
  ASSERT_TRUE(h.Run(DecideOpen(off, UrgentSeizure(h.now)), off).ok());
  Party owner = PartyFromJson({{"kind", "natural_person"}, {"name", "王建国"}, {"id_number", "130633198503150015"}});
  EXPECT_EQ(DecideIdentifyParty(h.c, off, 1, owner).status().field(), "index");
  Party still_unknown = owner;
  still_unknown.identity_unknown = true;
  EXPECT_EQ(DecideIdentifyParty(h.c, off, 0, still_unknown).status().field(), "party.identity_unknown");
  Party bad_id = owner;
  bad_id.id_number = "130633198503150016";
  EXPECT_EQ(DecideIdentifyParty(h.c, off, 0, bad_id).status().field(), "party.id_number");

  ASSERT_TRUE(h.Run(DecideIdentifyParty(h.c, off, 0, owner), off).ok());
  EXPECT_EQ(h.c.parties[0].name, "王建国");
  EXPECT_FALSE(h.c.parties[0].identity_unknown);
  EXPECT_EQ(h.c.parties[0].described_as, "仓库业主（身份不明）") << "the description stays in the record";
  EXPECT_EQ(CaseToJson(h.c)["parties"][0]["described_as"], "仓库业主（身份不明）");
  EXPECT_EQ(DecideIdentifyParty(h.c, off, 0, owner).status().code(), "illegal_transition") << "nobody left unknown";
}

}  // namespace
}  // namespace qc::domain
