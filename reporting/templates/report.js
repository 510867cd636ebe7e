(function(){
  var channel='', status='';
  function apply(){
    document.querySelectorAll('[data-channels]').forEach(function(el){
      var okC=!channel||(' '+el.dataset.channels+' ').indexOf(' '+channel+' ')>=0;
      var okS=!status||status.split(' ').some(function(s){return (' '+el.dataset.status+' ').indexOf(' '+s+' ')>=0;});
      el.classList.toggle('hidden',!(okC&&okS));
    });
    document.querySelectorAll('section.feature').forEach(function(sec){
      sec.classList.toggle('hidden',!sec.querySelector('details.scenario:not(.hidden)'));
    });
    document.querySelectorAll('[data-col]').forEach(function(el){
      var col=el.dataset.col; el.classList.toggle('hidden',!!(channel&&col&&col!==channel));
    });
  }
  function bind(id,set){
    var group=document.getElementById(id); if(!group)return;
    group.addEventListener('click',function(e){
      var b=e.target.closest('button'); if(!b)return;
      group.querySelectorAll('button').forEach(function(x){x.classList.remove('on');});
      b.classList.add('on'); set(b); apply();
    });
  }
  bind('channel-filter',function(b){channel=b.dataset.channel;});
  bind('status-filter',function(b){status=b.dataset.status;});
})();
