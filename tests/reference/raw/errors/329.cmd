printf 'link show lo\nlink show nosuch\n' | ip -n uvnref1 -force -batch -
