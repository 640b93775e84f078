"""The comprehensive construction evaluation index (综合性建设评价指数): indicators, weights, scores."""
