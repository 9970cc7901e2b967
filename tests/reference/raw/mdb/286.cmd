mcsend h3 mld2 is_in ff0e::20:1 2001:db8::1,2001:db8::2 is_ex ff0e::20:2 2001:db8::3; mcsend h2 mld2 is_ex ff0e::20:1 ''; sleep 0.2
