"""Industrial chains (链上, issue 27): links between chain leaders and their partners, matched to sites,
measured in the work CRS, summed per leader, per chain and per zone (`beltmap:chainlinks`)."""
