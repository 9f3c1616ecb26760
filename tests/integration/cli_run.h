// Runs the quancheng binary through the shell and captures what it prints.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace qc::testing {

struct CliRun {
  int status;
  std::string output;  // stdout and stderr
};

// `input` goes to stdin as one line (the password prompts read it).
inline CliRun RunQuancheng(const std::string& args, const std::string& input = "") {
  std::string cmd = "printf '%s\\n' '" + input + "' | " + std::string(QC_BINARY) + " " + args + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = ::pclose(p);
  return {WEXITSTATUS(rc), out};
}

}  // namespace qc::testing
