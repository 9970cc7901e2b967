bridge -n uvnref1 fdb flush dev br0 added_by_user noextern_learn nosticky nooffloaded
