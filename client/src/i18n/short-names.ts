// Where room is tight, Chinese names a region by its place name and level alone.

// The peoples autonomous regions are named by; a generic "…族" would cut 阿坝藏族 after 阿, or 黔东南苗族 after 黔东.
const AUTONOMOUS = /^(.+?)(?:(?:藏|羌|彝|朝鲜|傣|景颇|傈僳|白|哈尼|壮|苗|布依|侗|土家|回|蒙古|哈萨克|柯尔克孜|维吾尔)族)+自治([县州])$/

/** The customary short form of a Chinese region name: 阿坝州 for 阿坝藏族羌族自治州, 木里县 for 木里藏族自治县; other names as they are. */
export function chineseShortName(name: string): string {
  return name.replace(AUTONOMOUS, '$1$2')
}
