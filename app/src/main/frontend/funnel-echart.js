import * as echarts from 'echarts';

/**
 * <funnel-echart>: an Apache ECharts chart whose option (JSON) is set from Flow. A click on a bar, a slice or a
 * point is sent back as a 'chart-click' event with the series and data index; downloadPng saves the chart.
 */
class FunnelEChart extends HTMLElement {
  constructor() {
    super();
    this._option = null;
    this._chart = null;
  }

  connectedCallback() {
    // Flow may set the property before the element is defined: re-apply it through the setter
    if (Object.prototype.hasOwnProperty.call(this, 'option')) {
      const value = this.option;
      delete this.option;
      this.option = value;
    }
    if (!this.style.display) this.style.display = 'block';
    this._chart = echarts.init(this, null, { renderer: 'canvas' });
    this._chart.on('click', (params) => {
      this.dispatchEvent(new CustomEvent('chart-click', {
        detail: {
          seriesIndex: params.seriesIndex ?? 0,
          dataIndex: params.dataIndex ?? 0,
          name: params.name ?? ''
        }
      }));
    });
    this._resizeObserver = new ResizeObserver(() => {
      if (!this._chart) return;
      if (this._narrow() !== this._drawnNarrow) this._apply();
      this._chart.resize();
    });
    this._resizeObserver.observe(this);
    this._apply();
  }

  disconnectedCallback() {
    if (this._resizeObserver) this._resizeObserver.disconnect();
    if (this._chart) this._chart.dispose();
    this._chart = null;
  }

  set option(value) {
    this._option = typeof value === 'string' ? JSON.parse(value) : value;
    this._apply();
  }

  get option() {
    return this._option;
  }

  /** Saves the chart as it is drawn, on a white background, as a PNG file. */
  downloadPng(fileName) {
    if (!this._chart) return;
    const link = document.createElement('a');
    link.href = this._chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  /** As wide as a phone: category labels then slant and shorten, so that neighbours never run into each other. */
  _narrow() {
    return this.clientWidth > 0 && this.clientWidth < 520;
  }

  _apply() {
    if (this._chart && this._option) {
      this._drawnNarrow = this._narrow();
      this._chart.setOption(this._drawnNarrow ? FunnelEChart._forNarrow(this._option) : this._option, true);
      this.setAttribute('data-rendered', echarts.version);
    }
  }

  /** A copy of the option whose category x axis labels slant and are cut to fit, and whose bar labels are smaller. */
  static _forNarrow(option) {
    const narrow = JSON.parse(JSON.stringify(option));
    const axes = Array.isArray(narrow.xAxis) ? narrow.xAxis : (narrow.xAxis ? [narrow.xAxis] : []);
    for (const axis of axes) {
      if (axis.type === 'category') {
        axis.axisLabel = Object.assign({}, axis.axisLabel, { rotate: 40, width: 64, overflow: 'truncate', fontSize: 10 });
      }
    }
    for (const series of Array.isArray(narrow.series) ? narrow.series : []) {
      if (series.label && series.label.show) {
        series.label = Object.assign({}, series.label, { fontSize: 9 });
      }
    }
    return narrow;
  }
}

customElements.define('funnel-echart', FunnelEChart);
