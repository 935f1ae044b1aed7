package chart

import (
	_ "embed"
)

// echartsJS is Apache ECharts 5.6.0: dist/echarts.min.js of the npm package
// echarts@5.6.0, unchanged (see assets/README.md, assets/LICENSE and
// assets/NOTICE).
//
//go:embed assets/echarts.min.js
var echartsJS string

// loaderJS draws one chart, loading echarts first if the page lacks it.
//
//go:embed loader.js
var loaderJS string

// The echarts asset is copied to $GONB_JUPYTER_ROOT/<assetDir>/<assetName>,
// which Jupyter serves at <baseUrl>files/<assetDir>/<assetName>. The version
// in the name keeps browsers from using a cached older copy.
const (
	assetDir  = "_static"
	assetName = "echarts-5.6.0.min.js"
)
