# Runs `uvn run --echo SCRIPT` and compares its output with EXPECTED byte for byte.
# To regenerate after a deliberate change: see tests/golden/README.md.
execute_process(COMMAND ${UVN} run --echo ${SCRIPT} OUTPUT_VARIABLE out ERROR_VARIABLE err
                RESULT_VARIABLE rc)
file(READ ${EXPECTED} expected)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "uvn run failed (${rc}):\n${out}${err}")
endif()
if(NOT out STREQUAL expected)
  file(WRITE ${EXPECTED}.actual "${out}")
  execute_process(COMMAND diff -u ${EXPECTED} ${EXPECTED}.actual)
  message(FATAL_ERROR "output differs from ${EXPECTED} (actual in ${EXPECTED}.actual)")
endif()
