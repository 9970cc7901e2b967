bridge f
